package io.jnatsd.account;

import io.jnatsd.subject.Sublist;

/**
 * Twin of {@code Account} in {@code server/accounts.go}: a namespace of subjects with its own
 * subscription index. Imports, exports and limits join it with the security work.
 * Thread-safe.
 */
public final class Account {

    /** The account clients land in when no other is configured ($G in the reference). */
    public static final String GLOBAL_ACCOUNT_NAME = "$G";

    /** The system account's default name. */
    public static final String SYSTEM_ACCOUNT_NAME = "$SYS";

    private final String name;
    private final Sublist<Subscription> sublist = new Sublist<>();

    public Account(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The subscriptions of every connection bound to this account. */
    public Sublist<Subscription> sublist() {
        return sublist;
    }
}

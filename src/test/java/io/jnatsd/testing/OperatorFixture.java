package io.jnatsd.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An operator with a system account and one ordinary account, their keys and JWTs made at
 * test time, and the conf text of a server that trusts them (operator mode). Not thread-safe.
 */
public final class OperatorFixture {

    public final NKey operator;
    public final NKey systemAccount;
    public final NKey systemUser;
    public final NKey account;
    public final String operatorJwt;
    public final String systemAccountJwt;

    private OperatorFixture() throws Exception {
        operator = NKey.createOperator(null);
        systemAccount = NKey.createAccount(null);
        systemUser = NKey.createUser(null);
        account = NKey.createAccount(null);
        ObjectNode nats = TestJwts.nats();
        nats.put("system_account", key(systemAccount));
        operatorJwt = TestJwts.issue(operator, key(operator), "operator", nats, 0);
        systemAccountJwt = accountJwt(systemAccount, n -> { });
    }

    public static OperatorFixture create() throws Exception {
        return new OperatorFixture();
    }

    /** The public key of {@code k}. */
    public static String key(NKey k) {
        try {
            return new String(k.getPublicKey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An account JWT of {@link #account}, signed by the operator, with {@code nats} as built by {@code edit}. */
    public String accountJwt(Consumer<ObjectNode> edit) {
        return accountJwt(account, edit);
    }

    /**
     * An account JWT of {@code acc}, signed by the operator, with nsc's default limits (all
     * unlimited) unless {@code edit} sets others.
     */
    public String accountJwt(NKey acc, Consumer<ObjectNode> edit) {
        ObjectNode nats = TestJwts.nats();
        ObjectNode limits = nats.putObject("limits");
        for (String name : new String[] {"subs", "data", "payload", "imports", "exports", "conn", "leaf"}) {
            limits.put(name, -1);
        }
        limits.put("wildcards", true);
        edit.accept(nats);
        try {
            return TestJwts.account(operator, acc, nats);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An edit of {@link #accountJwt} that sets one of the account's limits. */
    public static Consumer<ObjectNode> limit(String name, long value) {
        return n -> ((ObjectNode) n.get("limits")).put(name, value);
    }

    /**
     * Credentials of a new user of {@code acc} (a user JWT signed by the account key, with nsc's
     * default limits: all unlimited).
     */
    public AuthHandler user(NKey acc, NKey user) throws Exception {
        ObjectNode nats = TestJwts.nats();
        nats.put("subs", -1).put("data", -1).put("payload", -1);
        return TestJwts.credentials(TestJwts.user(acc, user, nats, 0), user);
    }

    /** Credentials of the system user. */
    public AuthHandler systemUserCredentials() throws Exception {
        return user(systemAccount, systemUser);
    }

    /**
     * The conf text of a server in operator mode with {@code resolver} (a value such as
     * {@code { type: full, dir: "/x" }}) and the system account preloaded, plus {@code extra}
     * preloads ({@code key: jwt} lines).
     */
    public String conf(String resolver, String... extraPreloads) {
        StringBuilder b = new StringBuilder();
        b.append("operator: ").append(operatorJwt).append('\n');
        b.append("resolver: ").append(resolver).append('\n');
        b.append("resolver_preload: {\n  ").append(key(systemAccount)).append(": ").append(systemAccountJwt)
                .append('\n');
        for (String p : extraPreloads) {
            b.append("  ").append(p).append('\n');
        }
        return b.append("}\n").toString();
    }

    /** A directory resolver block for {@code dir}. */
    public static String dirResolver(String type, Path dir, String extra) {
        return "{ type: " + type + ", dir: \"" + dir + "\"" + (extra.isEmpty() ? "" : ", " + extra) + " }";
    }
}

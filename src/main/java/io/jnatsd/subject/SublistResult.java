package io.jnatsd.subject;

import java.util.Arrays;

/**
 * Twin of {@code SublistResult} in `server/sublist.go`: the immutable answer to a {@link Sublist#match}.
 *
 * <p>Plain subscriptions are one array; queue subscriptions are grouped by queue name, one group per name
 * across all matching subjects. Accessors are index based so that delivery loops need no iterator. Values are
 * compared by identity. Instances are shared between threads (through the match cache) and never change;
 * {@link #withPlain} and {@link #withQueueMember} return copies.
 *
 * <p>Thread-safe: immutable.
 *
 * @param <T> the subscription type
 */
public final class SublistResult<T> {

    private static final Object[] NO_VALUES = new Object[0];
    private static final String[] NO_NAMES = new String[0];
    private static final Object[][] NO_GROUPS = new Object[0][];
    private static final SublistResult<?> EMPTY = new SublistResult<>(NO_VALUES, NO_NAMES, NO_GROUPS);

    private final Object[] plain;
    private final String[] queueNames;
    private final Object[][] queueMembers;

    private SublistResult(Object[] plain, String[] queueNames, Object[][] queueMembers) {
        this.plain = plain;
        this.queueNames = queueNames;
        this.queueMembers = queueMembers;
    }

    /** The shared empty result. */
    @SuppressWarnings("unchecked")
    public static <T> SublistResult<T> empty() {
        return (SublistResult<T>) EMPTY;
    }

    /**
     * Builds a result that takes ownership of the given arrays (callers must not keep or change them).
     * Returns the shared {@link #empty()} result when there is nothing in it.
     */
    static <T> SublistResult<T> ofOwned(Object[] plain, String[] queueNames, Object[][] queueMembers) {
        if (plain.length == 0 && queueNames.length == 0) {
            return empty();
        }
        return new SublistResult<>(plain, queueNames, queueMembers);
    }

    /** The number of plain (non-queue) subscriptions. */
    public int plainCount() {
        return plain.length;
    }

    /** The plain subscription at {@code i}, {@code 0 <= i < plainCount()}. */
    @SuppressWarnings("unchecked")
    public T plain(int i) {
        return (T) plain[i];
    }

    /** The number of queue groups, one per distinct queue name. */
    public int queueGroupCount() {
        return queueNames.length;
    }

    /** The name of queue group {@code g}. */
    public String queueName(int g) {
        return queueNames[g];
    }

    /** The number of members of queue group {@code g} (at least one). */
    public int queueMemberCount(int g) {
        return queueMembers[g].length;
    }

    /** Member {@code i} of queue group {@code g}. */
    @SuppressWarnings("unchecked")
    public T queueMember(int g, int i) {
        return (T) queueMembers[g][i];
    }

    /** The index of the group for {@code queue}, or -1. */
    public int queueGroupIndex(String queue) {
        for (int g = 0; g < queueNames.length; g++) {
            if (queueNames[g].equals(queue)) {
                return g;
            }
        }
        return -1;
    }

    /** Whether there is no plain and no queue subscription. */
    public boolean isEmpty() {
        return plain.length == 0 && queueNames.length == 0;
    }

    /**
     * The fan-out as the reference counts it for stats: plain subscriptions plus queue groups (a queue group
     * gets one message).
     */
    public int fanout() {
        return plain.length + queueNames.length;
    }

    /** A copy of this result with {@code value} appended to the plain subscriptions. */
    SublistResult<T> withPlain(T value) {
        Object[] newPlain = Arrays.copyOf(plain, plain.length + 1);
        newPlain[plain.length] = value;
        return new SublistResult<>(newPlain, queueNames, queueMembers);
    }

    /**
     * A copy of this result with {@code value} appended to the group for {@code queue} (created if new), as
     * many times as its {@link QueueWeight}.
     */
    SublistResult<T> withQueueMember(String queue, T value) {
        int copies = QueueWeight.of(value);
        int g = queueGroupIndex(queue);
        if (g < 0) {
            String[] names = Arrays.copyOf(queueNames, queueNames.length + 1);
            names[queueNames.length] = queue;
            Object[][] members = Arrays.copyOf(queueMembers, queueMembers.length + 1);
            members[queueMembers.length] = filled(new Object[copies], 0, value);
            return new SublistResult<>(plain, names, members);
        }
        Object[] oldGroup = queueMembers[g];
        Object[][] members = queueMembers.clone();
        members[g] = filled(Arrays.copyOf(oldGroup, oldGroup.length + copies), oldGroup.length, value);
        return new SublistResult<>(plain, queueNames, members);
    }

    private static Object[] filled(Object[] array, int from, Object value) {
        Arrays.fill(array, from, array.length, value);
        return array;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SublistResult{plain=").append(plain.length);
        for (int g = 0; g < queueNames.length; g++) {
            sb.append(", ").append(queueNames[g]).append('=').append(queueMembers[g].length);
        }
        return sb.append('}').toString();
    }
}

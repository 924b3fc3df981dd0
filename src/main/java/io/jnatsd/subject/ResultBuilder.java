package io.jnatsd.subject;

import java.util.Arrays;
import java.util.Map;

/**
 * Collects the subscriptions of the trie nodes that match one subject into a {@link SublistResult}: plain
 * values into one array, queue members into one group per queue name across all nodes (found by a linear
 * scan, as the reference does, since a subject rarely has many queue groups). A {@link QueueWeight} member is
 * listed as many times as its weight.
 *
 * <p>Not thread-safe: one builder per match, used under the {@link Sublist} read lock.
 */
final class ResultBuilder implements SubjectTrie.NodeSink {

    private static final int INITIAL_CAPACITY = 8;

    private Object[] plain = new Object[INITIAL_CAPACITY];
    private int plainCount;
    private String[] queueNames = new String[2];
    private Object[][] queueMembers = new Object[2][];
    private int[] queueCounts = new int[2];
    private int groupCount;

    /** Adds every subscription held by {@code node}. */
    @Override
    public void addNode(SubjectTrie.Node node) {
        IdentityBag nodePlain = node.plain;
        if (nodePlain != null && !nodePlain.isEmpty()) {
            int needed = plainCount + nodePlain.size();
            if (needed > plain.length) {
                plain = Arrays.copyOf(plain, Math.max(needed, plain.length * 2));
            }
            plainCount = nodePlain.copyTo(plain, plainCount);
        }
        if (node.queues != null) {
            for (Map.Entry<String, IdentityBag> group : node.queues.entrySet()) {
                addGroupMembers(group.getKey(), group.getValue());
            }
        }
    }

    /** The result; the builder must not be used afterwards. */
    <T> SublistResult<T> build() {
        Object[] plainValues = plainCount == 0 ? new Object[0] : Arrays.copyOf(plain, plainCount);
        String[] names = Arrays.copyOf(queueNames, groupCount);
        Object[][] members = new Object[groupCount][];
        for (int g = 0; g < groupCount; g++) {
            members[g] = Arrays.copyOf(queueMembers[g], queueCounts[g]);
        }
        return SublistResult.ofOwned(plainValues, names, members);
    }

    private void addGroupMembers(String queue, IdentityBag bag) {
        if (bag.isEmpty()) {
            return;
        }
        int g = groupIndex(queue);
        int size = bag.size();
        ensureGroupCapacity(g, queueCounts[g] + size);
        for (int i = 0; i < size; i++) {
            Object member = bag.get(i);
            int copies = QueueWeight.of(member);
            if (copies > 1) {
                ensureGroupCapacity(g, queueCounts[g] + copies + (size - i - 1));
            }
            Object[] members = queueMembers[g];
            for (int c = 0; c < copies; c++) {
                members[queueCounts[g]++] = member;
            }
        }
    }

    private void ensureGroupCapacity(int g, int needed) {
        if (needed > queueMembers[g].length) {
            queueMembers[g] = Arrays.copyOf(queueMembers[g], Math.max(needed, queueMembers[g].length * 2));
        }
    }

    private int groupIndex(String queue) {
        for (int g = 0; g < groupCount; g++) {
            if (queueNames[g].equals(queue)) {
                return g;
            }
        }
        if (groupCount == queueNames.length) {
            int capacity = groupCount * 2;
            queueNames = Arrays.copyOf(queueNames, capacity);
            queueMembers = Arrays.copyOf(queueMembers, capacity);
            queueCounts = Arrays.copyOf(queueCounts, capacity);
        }
        queueNames[groupCount] = queue;
        queueMembers[groupCount] = new Object[INITIAL_CAPACITY];
        queueCounts[groupCount] = 0;
        return groupCount++;
    }
}

package io.jnatsd.subject;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The token trie behind {@link Sublist} (the {@code level}/{@code node} structure of `server/sublist.go`).
 *
 * <p>Each {@link Level} maps literal tokens to nodes and keeps the {@code "*"} and {@code ">"} children in
 * their own slots, so a match visits at most three children per level. A {@link Node} holds the plain and
 * queue subscriptions whose subject ends there and the level below it. Empty nodes are pruned on removal,
 * so the trie holds no more than its subscriptions need.
 *
 * <p>Not thread-safe: the owning {@link Sublist} holds its write lock for {@link #insert} and
 * {@link #remove}, and its read lock for the reading methods.
 */
final class SubjectTrie {

    /** The children of one position in a subject. */
    static final class Level {
        final Map<String, Node> literals = new HashMap<>();
        Node partial;
        Node full;

        int numNodes() {
            return literals.size() + (partial == null ? 0 : 1) + (full == null ? 0 : 1);
        }
    }

    /** One token position of a subscription subject: the subscriptions that end here and the level below. */
    static final class Node {
        Level next;
        IdentityBag plain;
        Map<String, IdentityBag> queues;

        boolean hasSubscriptions() {
            return plain != null && !plain.isEmpty() || queues != null && !queues.isEmpty();
        }

        boolean isPrunable() {
            return !hasSubscriptions() && (next == null || next.numNodes() == 0);
        }
    }

    /** Receives the nodes a walk selects. */
    interface NodeSink {
        void addNode(Node node);
    }

    private final Level root = new Level();

    /**
     * Adds {@code value} under the tokens of a valid subject, in the queue group {@code queue} or as a plain
     * subscription when {@code queue} is null. Returns false if that exact (subject, queue, value) is already
     * there.
     */
    boolean insert(String[] tokens, String queue, Object value) {
        Level level = root;
        Node node = null;
        for (int i = 0; i < tokens.length; i++) {
            if (level == null) {
                node.next = new Level();
                level = node.next;
            }
            node = childOrCreate(level, tokens[i]);
            level = node.next;
        }
        return bagOrCreate(node, queue).add(value);
    }

    /**
     * Removes {@code value} from the subscriptions under the tokens of a valid subject, and prunes the nodes
     * left empty. Returns false if it was not there.
     */
    boolean remove(String[] tokens, String queue, Object value) {
        Level[] levels = new Level[tokens.length];
        Node[] nodes = new Node[tokens.length];
        Level level = root;
        for (int i = 0; i < tokens.length; i++) {
            Node child = level == null ? null : child(level, tokens[i]);
            if (child == null) {
                return false;
            }
            levels[i] = level;
            nodes[i] = child;
            level = child.next;
        }
        Node last = nodes[tokens.length - 1];
        if (!removeFromNode(last, queue, value)) {
            return false;
        }
        for (int i = tokens.length - 1; i >= 0; i--) {
            if (nodes[i].isPrunable()) {
                unlink(levels[i], nodes[i], tokens[i]);
                if (i > 0 && levels[i].numNodes() == 0) {
                    nodes[i - 1].next = null;
                }
            }
        }
        return true;
    }

    /**
     * Hands {@code out} every node whose subscriptions match the literal subject {@code tokens}; a token's text is
     * taken only at levels with literal children.
     */
    void collect(SubjectTokens tokens, NodeSink out) {
        collect(root, tokens, 0, out);
    }

    /**
     * Hands {@code out} every node whose subject collides with {@code tokens}, which may carry wildcards: some
     * literal subject is matched by both (see {@link Subjects#subjectsCollide}).
     */
    void collectColliding(String[] tokens, NodeSink out) {
        collectColliding(root, tokens, 0, out);
    }

    /** Whether a subscription was inserted on exactly {@code tokens} with exactly {@code queue} (null: plain). */
    boolean hasExact(String[] tokens, String queue) {
        Level level = root;
        Node node = null;
        for (String token : tokens) {
            node = level == null ? null : child(level, token);
            if (node == null) {
                return false;
            }
            level = node.next;
        }
        if (queue == null) {
            return node.plain != null && !node.plain.isEmpty();
        }
        IdentityBag bag = node.queues == null ? null : node.queues.get(queue);
        return bag != null && !bag.isEmpty();
    }

    /** Whether any subscription matches the literal subject {@code tokens}. */
    boolean hasAny(String[] tokens) {
        return hasAny(root, tokens, 0);
    }

    /** The depth of the deepest path, 0 when empty (reference {@code numLevels}). */
    int numLevels() {
        return depth(root, 0);
    }

    /** Calls {@code action} for every subscription value, plain and queue. */
    void forEachValue(Consumer<Object> action) {
        forEachValue(root, action);
    }

    private static void collect(Level level, SubjectTokens tokens, int at, NodeSink out) {
        if (level == null) {
            return;
        }
        if (level.full != null) {
            out.addNode(level.full);
        }
        Node literal = level.literals.isEmpty() ? null : level.literals.get(tokens.token(at));
        if (at == tokens.size() - 1) {
            if (level.partial != null) {
                out.addNode(level.partial);
            }
            if (literal != null) {
                out.addNode(literal);
            }
            return;
        }
        if (level.partial != null) {
            collect(level.partial.next, tokens, at + 1, out);
        }
        if (literal != null) {
            collect(literal.next, tokens, at + 1, out);
        }
    }

    private static void collectColliding(Level level, String[] tokens, int at, NodeSink out) {
        if (level == null) {
            return;
        }
        String token = tokens[at];
        if (Subjects.isToken(token, 0, token.length(), Subjects.FULL_WILDCARD)) {
            collectAll(level, out);
            return;
        }
        if (level.full != null) {
            out.addNode(level.full);
        }
        boolean last = at == tokens.length - 1;
        if (level.partial != null) {
            collectCollidingChild(level.partial, tokens, at, last, out);
        }
        if (Subjects.isToken(token, 0, token.length(), Subjects.PARTIAL_WILDCARD)) {
            for (Node literal : level.literals.values()) {
                collectCollidingChild(literal, tokens, at, last, out);
            }
        } else {
            Node literal = level.literals.get(token);
            if (literal != null) {
                collectCollidingChild(literal, tokens, at, last, out);
            }
        }
    }

    private static void collectCollidingChild(Node child, String[] tokens, int at, boolean last, NodeSink out) {
        if (last) {
            out.addNode(child);
        } else {
            collectColliding(child.next, tokens, at + 1, out);
        }
    }

    /** Every node at this level and below. */
    private static void collectAll(Level level, NodeSink out) {
        if (level == null) {
            return;
        }
        for (Node node : level.literals.values()) {
            out.addNode(node);
            collectAll(node.next, out);
        }
        if (level.partial != null) {
            out.addNode(level.partial);
            collectAll(level.partial.next, out);
        }
        if (level.full != null) {
            out.addNode(level.full);
        }
    }

    private static boolean hasAny(Level level, String[] tokens, int at) {
        if (level == null) {
            return false;
        }
        if (level.full != null && level.full.hasSubscriptions()) {
            return true;
        }
        Node literal = level.literals.get(tokens[at]);
        if (at == tokens.length - 1) {
            return level.partial != null && level.partial.hasSubscriptions()
                    || literal != null && literal.hasSubscriptions();
        }
        return level.partial != null && hasAny(level.partial.next, tokens, at + 1)
                || literal != null && hasAny(literal.next, tokens, at + 1);
    }

    private static int depth(Level level, int above) {
        if (level == null || level.numNodes() == 0) {
            return above;
        }
        int here = above + 1;
        int deepest = here;
        for (Node node : level.literals.values()) {
            deepest = Math.max(deepest, depth(node.next, here));
        }
        if (level.partial != null) {
            deepest = Math.max(deepest, depth(level.partial.next, here));
        }
        if (level.full != null) {
            deepest = Math.max(deepest, depth(level.full.next, here));
        }
        return deepest;
    }

    private static void forEachValue(Level level, Consumer<Object> action) {
        if (level == null) {
            return;
        }
        for (Node node : level.literals.values()) {
            forEachInNode(node, action);
        }
        if (level.partial != null) {
            forEachInNode(level.partial, action);
        }
        if (level.full != null) {
            forEachInNode(level.full, action);
        }
    }

    private static void forEachInNode(Node node, Consumer<Object> action) {
        if (node.plain != null) {
            node.plain.forEach(action);
        }
        if (node.queues != null) {
            for (IdentityBag bag : node.queues.values()) {
                bag.forEach(action);
            }
        }
        forEachValue(node.next, action);
    }

    private static Node child(Level level, String token) {
        if (token.length() == 1) {
            char c = token.charAt(0);
            if (c == Subjects.PARTIAL_WILDCARD) {
                return level.partial;
            }
            if (c == Subjects.FULL_WILDCARD) {
                return level.full;
            }
        }
        return level.literals.get(token);
    }

    private static Node childOrCreate(Level level, String token) {
        Node existing = child(level, token);
        if (existing != null) {
            return existing;
        }
        Node created = new Node();
        if (Subjects.isToken(token, 0, token.length(), Subjects.PARTIAL_WILDCARD)) {
            level.partial = created;
        } else if (Subjects.isToken(token, 0, token.length(), Subjects.FULL_WILDCARD)) {
            level.full = created;
        } else {
            level.literals.put(token, created);
        }
        return created;
    }

    private static void unlink(Level level, Node node, String token) {
        if (level.partial == node) {
            level.partial = null;
        } else if (level.full == node) {
            level.full = null;
        } else {
            level.literals.remove(token);
        }
    }

    private static IdentityBag bagOrCreate(Node node, String queue) {
        if (queue == null) {
            if (node.plain == null) {
                node.plain = new IdentityBag();
            }
            return node.plain;
        }
        if (node.queues == null) {
            node.queues = new HashMap<>();
        }
        return node.queues.computeIfAbsent(queue, name -> new IdentityBag());
    }

    private static boolean removeFromNode(Node node, String queue, Object value) {
        if (queue == null) {
            if (node.plain == null || !node.plain.remove(value)) {
                return false;
            }
            if (node.plain.isEmpty()) {
                node.plain = null;
            }
            return true;
        }
        IdentityBag bag = node.queues == null ? null : node.queues.get(queue);
        if (bag == null || !bag.remove(value)) {
            return false;
        }
        if (bag.isEmpty()) {
            node.queues.remove(queue);
            if (node.queues.isEmpty()) {
                node.queues = null;
            }
        }
        return true;
    }
}

package io.jnatsd.protocol;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of which ops each {@link ConnectionKind} may send, as {@code server/parser.go}
 * decides it op by op ({@code if c.kind == CLIENT { goto parseErr }} on {@code R}, {@code A};
 * {@code L} only for leaf nodes and routes). An op a kind may not send is an unknown operation
 * for it: the peer gets {@code -ERR 'Unknown Protocol Operation'} and is closed.
 *
 * <p>Thread-safe: immutable.
 */
public final class InboundOps {

    /** The ops of the protocols, as the parser names them once their first bytes are read. */
    public enum Op {
        PUB, HPUB, SUB, UNSUB, PING, PONG, CONNECT, INFO, OK, ERR,
        /** {@code RS+}: remote subscription interest (routes, gateways). */
        RS_SUB,
        /** {@code RS-}. */
        RS_UNSUB,
        /** {@code RMSG}: a routed message. */
        RMSG,
        /** {@code HMSG}: a routed message with headers. */
        HMSG,
        /** {@code LS+}: leaf subscription interest (leaf nodes; routes with a leaf origin). */
        LS_SUB,
        /** {@code LS-}. */
        LS_UNSUB,
        /** {@code LMSG}: a message with a leaf origin cluster. */
        LMSG,
        /** {@code A+}: gateway account interest. */
        A_SUB,
        /** {@code A-}. */
        A_UNSUB
    }

    private static final Map<ConnectionKind, Set<Op>> ALLOWED = new EnumMap<>(ConnectionKind.class);

    static {
        Set<Op> common = EnumSet.of(Op.PING, Op.PONG, Op.CONNECT, Op.INFO, Op.OK, Op.ERR);
        ALLOWED.put(ConnectionKind.CLIENT, union(common, Op.PUB, Op.HPUB, Op.SUB, Op.UNSUB));
        ALLOWED.put(ConnectionKind.ROUTER, union(common, Op.RS_SUB, Op.RS_UNSUB, Op.RMSG, Op.HMSG,
                Op.LS_SUB, Op.LS_UNSUB, Op.LMSG, Op.A_SUB, Op.A_UNSUB));
        ALLOWED.put(ConnectionKind.GATEWAY, union(common, Op.RS_SUB, Op.RS_UNSUB, Op.RMSG, Op.HMSG,
                Op.A_SUB, Op.A_UNSUB));
        ALLOWED.put(ConnectionKind.LEAF, union(common, Op.PUB, Op.HPUB, Op.SUB, Op.UNSUB, Op.LS_SUB, Op.LS_UNSUB,
                Op.LMSG, Op.HMSG));
    }

    private InboundOps() {
    }

    private static Set<Op> union(Set<Op> base, Op... more) {
        EnumSet<Op> s = EnumSet.copyOf(base);
        s.addAll(java.util.List.of(more));
        return java.util.Collections.unmodifiableSet(s);
    }

    /** Whether a connection of {@code kind} may send {@code op}. */
    public static boolean allowed(ConnectionKind kind, Op op) {
        return ALLOWED.get(kind).contains(op);
    }

    /** The ops {@code kind} may send (unmodifiable). */
    public static Set<Op> of(ConnectionKind kind) {
        return ALLOWED.get(kind);
    }
}

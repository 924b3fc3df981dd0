package io.jnatsd.cluster.route;

import io.jnatsd.protocol.PubArgs;
import io.jnatsd.server.MsgTrace;
import io.jnatsd.server.MsgTracer;
import io.jnatsd.server.Outbound;
import io.jnatsd.server.PendingFlushes;

/**
 * Twin of the route part of message tracing in {@code processMsgResults} and {@code deliverMsg}
 * ({@code server/client.go}): a traced message goes to each route with a {@code Nats-Trace-Hop}
 * header naming its copy, and the trace gets an egress event of kind ROUTER with that hop id; the
 * peer makes its own event. A trace-only message is still sent (the peer does not deliver it),
 * unless the peer does not understand tracing (route protocol below {@code MsgTraceProto}), since
 * it would deliver it.
 *
 * <p>Stateless; called on the publisher's thread.
 */
final class RouteTracing {

    private RouteTracing() {
    }

    /** Sends the traced {@code msg} to target {@code i} of {@code targets}; @return the send status */
    static int send(MsgTrace mt, RouteConnection route, byte[] account, PubArgs msg, RouteTargets targets, int i,
                    PendingFlushes flushes) {
        String hop = mt.nextHop();
        boolean supported = route.peerProto() >= MsgTrace.TRACE_PROTO;
        if (!supported && mt.traceOnly()) {
            mt.addEgress(MsgTrace.KIND_ROUTER, route.connectionId(), route.remoteName(), MsgTrace.ERR_ONLY_NO_SUPPORT);
            return Outbound.CLOSED;
        }
        PubArgs withHop = MsgTracer.withHeader(msg, MsgTracer.HOP, hop);
        int status = route.sendMsg(account, withHop, targets.queues(i), targets.queuesLength(i), flushes);
        mt.addEgress(MsgTrace.KIND_ROUTER, route.connectionId(), route.remoteName(),
                supported ? null : MsgTrace.ERR_NO_SUPPORT);
        return status;
    }
}

package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.stream.AckSubject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code processAck} in {@code server/consumer.go}: applies one ack message (+ACK, -NAK, +WPI, +NXT,
 * +TERM) to a consumer, answers a double ack (a file consumer's once the ack is on disk), sends the NAK and TERM advisories and tells the stream of
 * released messages.
 *
 * <p>Threading: runs on the consumer's worker; takes the consumer's monitor for the state change only.
 */
final class ConsumerAcks {
    private static final long NAK_RECHECK_MILLIS = 10;
    private static final byte[] EMPTY = new byte[0];

    private ConsumerAcks() {
    }

    /**
     * A message on the consumer's ack subject, on the thread that delivered it. Only the ack runs in place (without
     * a task object when the worker is idle): at max_ack_pending each ack frees one delivery, and a pump run on the
     * event loop would write that one message to the socket at once; on the worker the writes of many acks coalesce.
     *
     * @param c         the consumer
     * @param ackPrefix its ack subject prefix
     * @param subject   the ack subject
     * @param reply     the ack's reply subject, or null
     * @param payload   the ack body
     */
    static void onMessage(Consumer c, String ackPrefix, String subject, String reply, byte[] payload) {
        AckSubject a = AckSubject.parseV1(subject, ackPrefix, c.stream, c.name);
        if (a == null) {
            return;
        }
        AckMessage m = AckMessage.parse(payload);
        if (!c.worker.enterHere()) {
            c.worker.executeHere(() -> process(c, a, m, reply), 1);
            return;
        }
        try {
            process(c, a, m, reply);
        } finally {
            c.worker.leaveHere();
        }
    }

    /**
     * @param c     the consumer
     * @param a     the decoded ack subject
     * @param m     the decoded ack body
     * @param reply the ack's reply subject (double ack), or null
     */
    static void process(Consumer c, AckSubject a, AckMessage m, String reply) {
        List<Long> released = c.host.streamFacts().interestOrWorkQueue() ? new ArrayList<>() : null;
        AckTracker.ReleasedSink sink = released == null ? null : released::add;
        Map.Entry<String, Map<String, Object>> advisory = null;
        boolean replyAck = a.streamSeq() > 0 && reply != null && !reply.isEmpty();
        synchronized (c) {
            if (c.closed) {
                return;
            }
            long now = c.host.nowNanos();
            boolean wasFull = c.tracker.atMaxAckPending();
            switch (m.kind()) {
                case ACK, NEXT -> c.tracker.ack(a.streamSeq(), a.consumerSeq(), sink);
                case NAK -> {
                    long dc = c.tracker.deliveryCount(a.streamSeq());
                    if (c.tracker.nak(a.streamSeq(), a.consumerSeq(), m.delayNanos(), now)) {
                        advisory = ConsumerAdvisories.nak(c.stream, c.name, a.consumerSeq(), a.streamSeq(), dc);
                        if (m.delayNanos() >= 0) {
                            c.armAckTimer(TimeUnit.MILLISECONDS.toNanos(NAK_RECHECK_MILLIS));
                        }
                    }
                }
                case PROGRESS -> c.tracker.progress(a.streamSeq(), now);
                case TERM -> {
                    long dc = c.tracker.deliveryCount(a.streamSeq());
                    c.tracker.ack(a.streamSeq(), a.consumerSeq(), sink);
                    advisory = ConsumerAdvisories.terminated(c.stream, c.name, a.consumerSeq(), a.streamSeq(), dc,
                        m.text());
                }
                default -> replyAck = false;
            }
            if (m.kind() == AckMessage.Kind.ACK || m.kind() == AckMessage.Kind.TERM) {
                c.lastAckNanos = now;
            }
            if (m.kind() == AckMessage.Kind.NEXT) {
                replyAck = false;
                ConsumerPulls.handle(c, reply, null, m.text().getBytes(StandardCharsets.UTF_8));
            }
            if (replyAck && c.stateFile != null) {
                ConsumerHousekeeping.confirmWhenDurable(c, reply);
                replyAck = false;
            }
            c.markDirty();
            if (wasFull || m.kind() == AckMessage.Kind.NAK) {
                c.signal();
            }
        }
        if (replyAck) {
            c.host.publish(reply, null, null, EMPTY);
        }
        if (advisory != null) {
            c.host.advisory(advisory.getKey(), advisory.getValue());
        }
        if (released != null) {
            c.releaseAll(released);
        }
    }
}

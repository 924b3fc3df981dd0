package io.jnatsd.server;

import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.InterestListener;
import io.jnatsd.subject.SublistResult;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin of the SYSTEM, JETSTREAM and ACCOUNT kinds of {@code server/client.go}: a client of
 * the server itself, with no socket. It subscribes and publishes through the same sublist
 * and {@link MessageRouter} as network clients, so there is one delivery engine.
 *
 * <p>Design note: messages for an internal subscription are handed to its handler on the
 * publisher's thread, as the reference calls internal callbacks inline; a handler that has
 * real work to do hands it to its own thread. Its own publishes are flushed at once, since it
 * has no read batch.
 *
 * <p>Thread-safe.
 */
public final class InternalConnection extends Connection {

    /** Receives the messages of an internal subscription. Called on the publisher's thread; must not block. */
    @FunctionalInterface
    public interface MessageHandler {
        void onMessage(Subscription subscription, String subject, String reply, byte[] headers, byte[] payload);
    }

    /**
     * A handler that also learns the deliver subject of a JetStream delivery, which differs from the subject its
     * receivers see: what a stream import must map to carry a push consumer's messages into another account (the
     * reference's {@code pmsg.dsubj} through {@code processMsgResults}). Called on the publisher's thread.
     */
    @FunctionalInterface
    public interface DeliveryAwareHandler extends MessageHandler {
        /**
         * @param deliverSubject the subject the message was published to; equals {@code subject} unless a
         *                       JetStream delivery
         */
        void onDelivery(Subscription subscription, String deliverSubject, String subject, String reply,
                        byte[] headers, byte[] payload);

        @Override
        default void onMessage(Subscription subscription, String subject, String reply, byte[] headers,
                               byte[] payload) {
            onDelivery(subscription, subject, subject, reply, headers, payload);
        }
    }

    /**
     * A handler that also learns who published: the {@link PubArgs#origin()} of the message (a
     * client connection), which {@link #describePublisher} reads. Called on the publisher's thread.
     */
    @FunctionalInterface
    public interface OriginAwareHandler extends MessageHandler {
        void onMessage(Subscription subscription, String subject, String reply, byte[] headers, byte[] payload,
                       Object origin);

        @Override
        default void onMessage(Subscription subscription, String subject, String reply, byte[] headers,
                               byte[] payload) {
            onMessage(subscription, subject, reply, headers, payload, null);
        }
    }

    /**
     * What monitoring knows of the client that published a message an {@link OriginAwareHandler}
     * got, or null when the server itself published it. On that handler's thread only.
     */
    public static ClientSnapshot describePublisher(Object origin) {
        return origin instanceof ClientConnection c ? c.snapshot(false) : null;
    }

    private final Account account;
    /** Null without clustering; else internal interest and publishes reach the routes too. */
    private final ClusterLink cluster;
    private final Map<Subscription, MessageHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicLong nextSid = new AtomicLong();
    private final ReplyMatches replyMatches;

    InternalConnection(long id, Account account, ClusterLink cluster) {
        super(id);
        this.account = account;
        this.cluster = cluster;
        this.replyMatches = new ReplyMatches(account.sublist());
    }

    public Account account() {
        return account;
    }

    /** Subscribes {@code handler} to {@code subject}, in {@code queue} when not null. */
    public Subscription subscribe(String subject, String queue, MessageHandler handler) {
        Subscription sub = new Subscription(this, subject, queue, Long.toString(nextSid.incrementAndGet()));
        handlers.put(sub, handler);
        account.sublist().insert(subject, queue, sub);
        if (cluster != null) {
            cluster.onLocalSubscription(account, sub, true);
        }
        return sub;
    }

    public void unsubscribe(Subscription sub) {
        if (handlers.remove(sub) != null) {
            account.sublist().remove(sub.subject(), sub.queue(), sub);
            if (cluster != null) {
                cluster.onLocalSubscription(account, sub, false);
            }
        }
    }

    /** @return true if a local subscription or, in a cluster, a peer's matches the literal {@code subject} */
    public boolean hasInterest(String subject) {
        return account.sublist().hasInterest(subject) || (cluster != null && cluster.hasRemoteInterest(account, subject));
    }

    /**
     * Tells {@code listener} when exact interest in {@code subject} (and {@code queue}), local or a peer's, comes
     * and goes; at once with the current state.
     *
     * @return what stops the notifications
     */
    public Runnable watchInterest(String subject, String queue, InterestListener listener) {
        if (queue == null && importCarries(subject)) {
            // Another account imports these deliveries. The reference's shadow subscriptions make that interest
            // exact per subscriber there; here the import's one subscription stands for it, for as long as it lives.
            listener.onInterestChanged(true);
            return () -> { };
        }
        if (cluster == null) {
            account.sublist().registerInterestListener(subject, queue, listener);
            return () -> account.sublist().clearInterestListener(subject, queue, listener);
        }
        EitherInterest either = new EitherInterest(listener);
        InterestListener local = either::onLocal;
        account.sublist().registerInterestListener(subject, queue, local);
        Runnable remote = cluster.watchRemoteInterest(account, subject, queue, either::onRemote);
        return () -> {
            account.sublist().clearInterestListener(subject, queue, local);
            remote.run();
        };
    }

    /** @return true when a stream import into another account (a delivery-aware subscription) matches */
    private boolean importCarries(String subject) {
        SublistResult<Subscription> matches = account.sublist().match(subject);
        for (int i = 0; i < matches.plainCount(); i++) {
            Subscription sub = matches.plain(i);
            if (sub.owner() instanceof InternalConnection carrier
                    && carrier.handlers.get(sub) instanceof DeliveryAwareHandler) {
                return true;
            }
        }
        return false;
    }

    /** Local or remote interest, told on when the union changes. */
    private static final class EitherInterest {
        private final InterestListener listener;
        private boolean local;
        private boolean remote;
        private Boolean told;

        EitherInterest(InterestListener listener) {
            this.listener = listener;
        }

        synchronized void onLocal(boolean has) {
            local = has;
            tell();
        }

        synchronized void onRemote(boolean has) {
            remote = has;
            tell();
        }

        private void tell() {
            boolean any = local || remote;
            if (told == null || told != any) {
                told = any;
                listener.onInterestChanged(any);
            }
        }
    }

    /**
     * Publishes a message as a client would, flushing the receivers at once.
     *
     * @return how many subscriptions got it
     */
    public int publish(String subject, String reply, byte[] headers, byte[] payload) {
        return publishTo(subject, subject, reply, headers, payload);
    }

    /**
     * Publishes a message to the subscribers of {@code deliverSubject} while the receivers see {@code subject}:
     * how JetStream deliveries keep the stored message's subject (the reference's {@code pmsg.dsubj}).
     *
     * @return how many subscriptions got it
     */
    public int publishTo(String deliverSubject, String subject, String reply, byte[] headers, byte[] payload) {
        return publish(deliverSubject, subject, reply, headers, payload, null);
    }

    /**
     * Publishes a message that carries the trace of the message it comes from (an import that lets the
     * trace cross), flushing the receivers at once; with a null trace, as {@link #publish(String, String,
     * byte[], byte[])}. The thread that delivers the traced message.
     *
     * @return how many subscriptions got it
     */
    public int publish(String subject, String reply, byte[] headers, byte[] payload, MsgTrace trace) {
        return publish(subject, subject, reply, headers, payload, trace);
    }

    private int publish(String deliverSubject, String subject, String reply, byte[] headers, byte[] payload,
                        MsgTrace trace) {
        PendingFlushes flushes = new PendingFlushes();
        int delivered = publishTo(deliverSubject, subject, reply, headers, payload, flushes, trace);
        flushes.flushAll();
        return delivered;
    }

    private int publishTo(String deliverSubject, String subject, String reply, byte[] headers, byte[] payload,
                          PendingFlushes flushes, MsgTrace trace) {
        return publishMatched(account.sublist().match(deliverSubject), deliverSubject, subject, reply, headers,
            payload, flushes, trace);
    }

    private int publishMatched(SublistResult<Subscription> matches, String deliverSubject, String subject,
                               String reply, byte[] headers, byte[] payload, PendingFlushes flushes, MsgTrace trace) {
        PubArgs msg = PubArgs.forInternalPublish(subject, reply, headers, payload);
        if (!deliverSubject.equals(subject)) {
            msg.deliveredTo(deliverSubject);
        }
        msg.trace(trace);
        int delivered;
        if (cluster == null) {
            delivered = MessageRouter.deliver(matches, msg, this, true, flushes);
        } else if (deliverSubject.equals(subject)) {
            delivered = cluster.deliver(account, matches, msg, this, true, flushes);
        } else if (!matches.isEmpty() && !cluster.hasRemoteInterest(account, deliverSubject)) {
            delivered = MessageRouter.deliver(matches, msg, this, true, flushes);
        } else {
            // A JetStream delivery under another subject than it carries: local receivers see the stored subject,
            // and it crosses the routes as <deliver subject> <ack>@<subject>, as the reference's processMsgResults
            // does, to local and remote subscribers alike.
            PubArgs routed = PubArgs.forInternalPublish(deliverSubject, routedReply(reply, subject), headers, payload);
            delivered = cluster.deliver(account, matches, msg, routed, this, true, flushes);
        }
        inMsgs++;
        inBytes += msg.totalSize();
        return delivered;
    }

    private static String routedReply(String reply, String subject) {
        return reply == null || reply.isEmpty() ? null : reply + "@" + subject;
    }

    /** @return a batch whose publishes are flushed together by {@link Batch#flush()} */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Several publishes with one flush per receiver at the end, as a network client's read batch has (a JetStream
     * consumer sending a pull batch). Not thread-safe: one thread uses a batch, then flushes it.
     */
    public final class Batch {
        private final PendingFlushes flushes = new PendingFlushes();

        private Batch() {
        }

        /** Like {@link InternalConnection#publishTo}, without the flush. @return how many subscriptions got it */
        public int publishTo(String deliverSubject, String subject, String reply, byte[] headers, byte[] payload) {
            return InternalConnection.this.publishTo(deliverSubject, subject, reply, headers, payload, flushes, null);
        }

        /**
         * Publishes a reply such as a PubAck to {@code subject}, matched through {@link ReplyMatches} (one match
         * per inbox prefix), without the flush.
         *
         * @return how many subscriptions got it
         */
        public int publishReply(String subject, byte[] payload) {
            return publishMatched(replyMatches.match(subject), subject, subject, null, null, payload, flushes, null);
        }

        /** Flushes every receiver of the batch once. */
        public void flush() {
            flushes.flushAll();
        }
    }

    @Override
    protected int deliver(Subscription subscription, PubArgs msg, PendingFlushes flushes) {
        MessageHandler handler = handlers.get(subscription);
        if (handler == null) {
            return Outbound.CLOSED;
        }
        int headerSize = Math.max(0, msg.headerSize());
        byte[] headers = null;
        if (headerSize > 0) {
            headers = new byte[headerSize];
            msg.payloadBuf().getBytes(msg.payloadOffset(), headers);
        }
        byte[] payload = new byte[msg.totalSize() - headerSize];
        msg.payloadBuf().getBytes(msg.payloadOffset() + headerSize, payload);
        String subject = msg.argBuf().toString(msg.subjectOffset(), msg.subjectLength(), StandardCharsets.UTF_8);
        if (handler instanceof DeliveryAwareHandler aware && msg.deliverSubject() != null) {
            aware.onDelivery(subscription, msg.deliverSubject(), subject, msg.reply(), headers, payload);
        } else if (handler instanceof OriginAwareHandler aware) {
            aware.onMessage(subscription, subject, msg.reply(), headers, payload, msg.origin());
        } else {
            handler.onMessage(subscription, subject, msg.reply(), headers, payload);
        }
        outMsgs.incrementAndGet();
        outBytes.addAndGet(msg.totalSize());
        return Outbound.ACCEPTED;
    }

    @Override
    public void onAutoUnsubscribed(Subscription subscription) {
        unsubscribe(subscription);
    }
}

package io.jnatsd.jetstream.consumer;

import io.jnatsd.account.Subscription;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.subject.InterestListener;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@link ConsumerHost} of consumers on a jnatsd {@link Stream}: publishes and subscribes through the account's
 * JetStream internal client (the normal delivery engine), reads the stream's store and hands acks to the stream's
 * retention.
 *
 * <p>Threading: thread-safe.
 */
final class StreamConsumerHost implements ConsumerHost {
    private final Stream stream;
    private final StreamConsumers registry;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    /** The facts of the last config seen (configs are immutable and replaced on update): one per delivery is asked. */
    private volatile CachedFacts cachedFacts;

    private record CachedFacts(StreamConfig config, StreamFacts facts) {
    }

    StreamConsumerHost(Stream stream, StreamConsumers registry, Executor executor,
                       ScheduledExecutorService scheduler) {
        this.stream = stream;
        this.registry = registry;
        this.executor = executor;
        this.scheduler = scheduler;
    }

    static StreamFacts facts(StreamConfig c) {
        return new StreamFacts(c.name(), c.retention(), c.numReplicas(), c.subjects(),
            c.consumerLimits().maxAckPending(), c.consumerLimits().inactiveThreshold());
    }

    @Override
    public StreamStore store() {
        return stream.store();
    }

    @Override
    public StreamFacts streamFacts() {
        StreamConfig c = stream.config();
        CachedFacts f = cachedFacts;
        if (f == null || f.config() != c) {
            f = new CachedFacts(c, facts(c));
            cachedFacts = f;
        }
        return f.facts();
    }

    @Override
    public String accountName() {
        return stream.accountName();
    }

    private InternalConnection client() {
        return stream.account().client();
    }

    @Override
    public void publish(String subject, String reply, byte[] headers, byte[] payload) {
        client().publish(subject, reply, headers, payload);
    }

    @Override
    public void deliver(String target, String subject, String reply, byte[] headers, byte[] payload) {
        client().publishTo(target, subject, reply, headers, payload);
    }

    @Override
    public Batch batch() {
        InternalConnection.Batch b = client().batch();
        return new Batch() {
            @Override
            public void deliver(String target, String subject, String reply, byte[] headers, byte[] payload) {
                b.publishTo(target, subject, reply, headers, payload);
            }

            @Override
            public void flush() {
                b.flush();
            }
        };
    }

    @Override
    public void advisory(String subject, Object event) {
        client().publish(subject, null, null, ConsumerJson.write(event));
    }

    @Override
    public Sub subscribe(String subject, Handler handler) {
        InternalConnection c = client();
        Subscription sub = c.subscribe(subject, null,
            (s, subj, reply, hdr, payload) -> handler.onMessage(subj, reply, hdr, payload));
        return () -> c.unsubscribe(sub);
    }

    @Override
    public boolean hasInterest(String subject) {
        return client().hasInterest(subject);
    }

    @Override
    public Sub watchInterest(String subject, String queue, InterestListener listener) {
        Runnable stop = client().watchInterest(subject, queue, listener);
        return stop::run;
    }

    @Override
    public void released(Consumer consumer, long seq) {
        stream.onConsumerAck(consumer, seq);
    }

    @Override
    public void removeSelf(Consumer consumer) {
        registry.removeStopped(consumer);
    }

    @Override
    public long lastAppendedSeq() {
        return registry.lastAppendedSeq();
    }

    @Override
    public void wantsMessages(Consumer consumer, boolean wants) {
        registry.wantsMessages(consumer, wants);
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

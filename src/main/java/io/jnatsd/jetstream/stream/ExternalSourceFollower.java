package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Subscription;
import io.jnatsd.server.InternalConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A mirror or source whose origin sits behind another API prefix ({@code external { api, deliver }}: another
 * account's JetStream imported under a prefix, or another domain): twin of {@code trySetupSourceConsumer},
 * {@code processInboundSourceMsg} and the source health checks of {@code server/stream.go}. It creates a push
 * consumer on the origin through that API, with flow control and heartbeats, and stores what arrives.
 *
 * <p>Design note: each attempt makes a consumer of its own name and deliver subject, so a late message of an
 * earlier attempt is told apart and dropped. A gap in the consumer sequence, a heartbeat naming another last
 * sequence, or silence for {@link #STALL_NANOS} starts a new attempt from the last origin sequence stored, and the
 * old consumer is deleted; this is also how the follower catches up after the origin was unreachable.
 * Deliveries are queued on the publisher's thread and written on the engine's ingest executor, one drain at a
 * time.
 *
 * <p>Threading: thread-safe; attempts and writes hold this object's monitor.
 */
final class ExternalSourceFollower implements StreamFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalSourceFollower.class);
    /** The consumer's idle heartbeat (the reference's {@code sourceHealthHB}). */
    static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Silence after which a new consumer is asked for: three missed heartbeats. */
    static final long STALL_NANOS = 3 * HEARTBEAT_NANOS;
    private static final long CHECK_MILLIS = 1000;
    private static final long ACK_WAIT_NANOS = TimeUnit.HOURS.toNanos(22);
    private static final long INACTIVE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private record Delivery(String attempt, String subject, String reply, byte[] headers, byte[] payload) {
    }

    private final Stream target;
    private final StreamConfig.StreamSource source;
    private final boolean mirror;
    private final InternalConnection client;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final FollowedCopy writer;
    private final Queue<Delivery> inbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private boolean started;
    private boolean stopped;
    private String consumerName;
    private Subscription deliverSub;
    private Subscription createReplySub;
    private ScheduledFuture<?> healthCheck;
    private long lastOriginSeq;
    private long lastConsumerSeq;
    private volatile long lag;
    private volatile long lastHeardNanos;
    private volatile long lastActiveNanos;

    ExternalSourceFollower(Stream target, StreamConfig.StreamSource source, boolean mirror, InternalConnection client,
                           Executor executor, ScheduledExecutorService scheduler) {
        this.target = target;
        this.source = source;
        this.mirror = mirror;
        this.client = client;
        this.executor = executor;
        this.scheduler = scheduler;
        this.writer = new FollowedCopy(target, source, mirror);
    }

    @Override
    public String originName() {
        return source.name();
    }

    @Override
    public synchronized void attachIfReady(AccountStreams owner) {
        if (started || stopped) {
            return;
        }
        started = true;
        long from = writer.resumeSeq(null);
        lastOriginSeq = from > 0 ? from - 1 : 0;
        newAttempt(from);
        healthCheck = scheduler.scheduleWithFixedDelay(this::checkHealth, CHECK_MILLIS, CHECK_MILLIS,
            TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (healthCheck != null) {
            healthCheck.cancel(false);
        }
        endAttempt();
    }

    /** Caller holds the monitor. {@code fromSeq} 0 means the configured start time. */
    private void newAttempt(long fromSeq) {
        endAttempt();
        consumerName = "JS_SRC_" + token(10);
        lastConsumerSeq = 0;
        lastHeardNanos = System.nanoTime();
        String attempt = consumerName;
        String deliver = deliverSubject();
        deliverSub = client.subscribe(deliver, null, (s, subject, reply, headers, payload) ->
            enqueue(new Delivery(attempt, subject, reply, headers, payload)));
        String replyTo = "$JS.S.R." + token(12);
        createReplySub = client.subscribe(replyTo, null, (s, subject, reply, headers, payload) ->
            onCreateResponse(attempt, payload));
        client.publish(api("CONSUMER.CREATE." + source.name() + "." + consumerName + filterToken()), replyTo,
            null, JsJson.bytes(createRequest(deliver, fromSeq)));
    }

    /** Caller holds the monitor. */
    private void endAttempt() {
        if (createReplySub != null) {
            client.unsubscribe(createReplySub);
            createReplySub = null;
        }
        if (deliverSub != null) {
            client.unsubscribe(deliverSub);
            deliverSub = null;
            client.publish(api("CONSUMER.DELETE." + source.name() + "." + consumerName), null, null, new byte[0]);
        }
    }

    private String deliverSubject() {
        String prefix = source.external().deliver();
        String base = prefix == null || prefix.isEmpty() ? "$JS.S" : prefix + ".S";
        return (base + "." + token(12)).replace("..", ".");
    }

    private String api(String tail) {
        return (source.external().api() + "." + tail).replace("..", ".");
    }

    /** The extended create subject carries a single filter, as the reference sends it. */
    private String filterToken() {
        List<String> filters = writer.filters();
        return filters.size() == 1 ? "." + filters.getFirst() : "";
    }

    private ObjectNode createRequest(String deliver, long fromSeq) {
        ObjectNode cfg = JsJson.object();
        cfg.put("name", consumerName);
        cfg.put("deliver_subject", deliver);
        cfg.put("ack_policy", "none");
        cfg.put("ack_wait", ACK_WAIT_NANOS);
        cfg.put("max_deliver", 1);
        cfg.put("idle_heartbeat", HEARTBEAT_NANOS);
        cfg.put("flow_control", true);
        cfg.put("inactive_threshold", INACTIVE_NANOS);
        if (fromSeq > 0) {
            cfg.put("deliver_policy", "by_start_sequence");
            cfg.put("opt_start_seq", fromSeq);
        } else {
            cfg.put("deliver_policy", "by_start_time");
            cfg.put("opt_start_time", source.optStartTime());
        }
        List<String> filters = writer.filters();
        if (filters.size() == 1) {
            cfg.put("filter_subject", filters.getFirst());
        } else if (filters.size() > 1) {
            filters.forEach(cfg.putArray("filter_subjects")::add);
        }
        ObjectNode req = JsJson.object();
        req.put("stream_name", source.name());
        req.set("config", cfg);
        return req;
    }

    private void onCreateResponse(String attempt, byte[] payload) {
        ObjectNode resp = JsJson.readTree(payload);
        if (resp != null && !resp.has("error")) {
            return;
        }
        synchronized (this) {
            if (!stopped && attempt.equals(consumerName)) {
                LOG.warn("Stream {}: source {} consumer not created through {}: {}", target.name(), source.name(),
                    source.external().api(), new String(payload, StandardCharsets.UTF_8));
                // The health check asks again once the attempt has been silent long enough.
            }
        }
    }

    private void checkHealth() {
        synchronized (this) {
            if (stopped || target.isClosed() || System.nanoTime() - lastHeardNanos < STALL_NANOS) {
                return;
            }
            LOG.info("Stream {}: source {} silent, asking for a new consumer from sequence {}", target.name(),
                source.name(), lastOriginSeq + 1);
            newAttempt(lastOriginSeq + 1);
        }
    }

    private void enqueue(Delivery d) {
        inbound.add(d);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Delivery d;
            while ((d = inbound.poll()) != null) {
                synchronized (this) {
                    if (!stopped && d.attempt().equals(consumerName)) {
                        lastHeardNanos = System.nanoTime();
                        handle(d);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Stream {}: source {} delivery not stored", target.name(), source.name(), e);
        } finally {
            draining.set(false);
            if (!inbound.isEmpty() && draining.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    /** Caller holds the monitor. */
    private void handle(Delivery d) {
        if (HeaderBlock.isControl(d.headers())) {
            onControl(d);
            return;
        }
        AckSubject ack = AckSubject.parse(d.reply());
        if (ack == null || ack.deliveryCount() != 1 || ack.streamSeq() <= 0 || ack.consumerSeq() <= 0) {
            return;
        }
        if (ack.streamSeq() <= lastOriginSeq) {
            if (ack.consumerSeq() == lastConsumerSeq + 1) {
                lastConsumerSeq++;
            }
            return;
        }
        if (ack.consumerSeq() != lastConsumerSeq + 1) {
            newAttempt(lastOriginSeq + 1);
            return;
        }
        writer.copy(d.subject(), d.headers(), d.payload() == null ? new byte[0] : d.payload(), ack.streamSeq(),
            ack.timestampNanos());
        lastConsumerSeq = ack.consumerSeq();
        lastOriginSeq = ack.streamSeq();
        lag = Math.max(0, ack.pending());
        lastActiveNanos = System.nanoTime();
    }

    /** Caller holds the monitor. */
    private void onControl(Delivery d) {
        if (d.reply() != null && !d.reply().isEmpty()) {
            client.publish(d.reply(), null, null, new byte[0]);
            return;
        }
        String lastConsumer = HeaderBlock.get(d.headers(), "Nats-Last-Consumer");
        if (lastConsumer != null && !lastConsumer.equals("0") && !lastConsumer.equals(Long.toString(lastConsumerSeq))) {
            newAttempt(lastOriginSeq + 1);
            return;
        }
        String stalled = HeaderBlock.get(d.headers(), "Nats-Consumer-Stalled");
        if (stalled != null && !stalled.isEmpty()) {
            client.publish(stalled, null, null, new byte[0]);
        }
    }

    @Override
    public long lag() {
        return lag;
    }

    @Override
    public long activeAgoNanos() {
        long t = lastActiveNanos;
        return t == 0 ? -1 : System.nanoTime() - t;
    }

    /** @return a consumer or subject token: random letters and digits */
    private static String token(int chars) {
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}

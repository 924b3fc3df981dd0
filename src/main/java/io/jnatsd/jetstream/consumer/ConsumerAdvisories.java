package io.jnatsd.jetstream.consumer;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twin of the consumer advisories of {@code server/jetstream_events.go}: their subjects and JSON bodies
 * (type, id, timestamp, then the event's fields, as the reference writes them). Stateless and thread-safe.
 */
public final class ConsumerAdvisories {

    /** Prefix of every JetStream advisory. */
    public static final String PREFIX = "$JS.EVENT.ADVISORY.CONSUMER.";
    private static final String TYPE_PREFIX = "io.nats.jetstream.advisory.v1.";
    private static final String ID_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ID_LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsumerAdvisories() {
    }

    /**
     * @param kind     CREATED or DELETED
     * @param stream   stream
     * @param consumer consumer
     * @return subject and body
     */
    public static Map.Entry<String, Map<String, Object>> action(String kind, String stream, String consumer) {
        Map<String, Object> e = forConsumer("consumer_action", stream, consumer);
        e.put("action", kind.equals("CREATED") ? "create" : "delete");
        return Map.entry(PREFIX + kind + "." + stream + "." + consumer, e);
    }

    /**
     * @param stream     stream
     * @param consumer   consumer
     * @param streamSeq  the message
     * @param deliveries deliveries
     * @return subject and body of the max deliveries advisory
     */
    public static Map.Entry<String, Map<String, Object>> maxDeliveries(String stream, String consumer,
                                                                      long streamSeq, long deliveries) {
        Map<String, Object> e = forConsumer("max_deliver", stream, consumer);
        e.put("stream_seq", streamSeq);
        e.put("deliveries", deliveries);
        return Map.entry(PREFIX + "MAX_DELIVERIES." + stream + "." + consumer, e);
    }

    /**
     * @param stream      stream
     * @param consumer    consumer
     * @param consumerSeq consumer sequence
     * @param streamSeq   stream sequence
     * @param deliveries  deliveries
     * @return subject and body of the NAK advisory
     */
    public static Map.Entry<String, Map<String, Object>> nak(String stream, String consumer, long consumerSeq,
                                                            long streamSeq, long deliveries) {
        Map<String, Object> e = forConsumer("nak", stream, consumer);
        e.put("consumer_seq", consumerSeq);
        e.put("stream_seq", streamSeq);
        e.put("deliveries", deliveries);
        return Map.entry(PREFIX + "MSG_NAKED." + stream + "." + consumer, e);
    }

    /**
     * @param stream      stream
     * @param consumer    consumer
     * @param consumerSeq consumer sequence
     * @param streamSeq   stream sequence
     * @param deliveries  deliveries
     * @param reason      the +TERM reason, may be empty
     * @return subject and body of the terminated advisory
     */
    public static Map.Entry<String, Map<String, Object>> terminated(String stream, String consumer, long consumerSeq,
                                                                   long streamSeq, long deliveries, String reason) {
        Map<String, Object> e = forConsumer("terminated", stream, consumer);
        e.put("consumer_seq", consumerSeq);
        e.put("stream_seq", streamSeq);
        e.put("deliveries", deliveries);
        if (reason != null && !reason.isEmpty()) {
            e.put("reason", reason);
        }
        return Map.entry(PREFIX + "MSG_TERMINATED." + stream + "." + consumer, e);
    }

    /**
     * @param stream     stream
     * @param consumer   consumer
     * @param paused     paused now
     * @param pauseUntil until when, or null
     * @return subject and body of the pause advisory
     */
    public static Map.Entry<String, Map<String, Object>> pause(String stream, String consumer, boolean paused,
                                                              Instant pauseUntil) {
        Map<String, Object> e = forConsumer("consumer_pause", stream, consumer);
        e.put("paused", paused);
        if (pauseUntil != null) {
            e.put("pause_until", ConsumerJson.goTime(pauseUntil));
        }
        return Map.entry(PREFIX + "PAUSE." + stream + "." + consumer, e);
    }

    /**
     * @param stream   stream
     * @param consumer consumer
     * @param group    priority group
     * @param pinId    the new pin id
     * @return subject and body of the pinned advisory
     */
    public static Map.Entry<String, Map<String, Object>> pinned(String stream, String consumer, String group,
                                                               String pinId) {
        Map<String, Object> e = forConsumer("consumer_group_pinned", stream, consumer);
        e.put("group", group);
        e.put("pinned_id", pinId);
        return Map.entry(PREFIX + "PINNED." + stream + "." + consumer, e);
    }

    /**
     * @param stream   stream
     * @param consumer consumer
     * @param group    priority group
     * @param reason   {@code admin} (unpin request) or {@code timeout}
     * @return subject and body of the unpinned advisory
     */
    public static Map.Entry<String, Map<String, Object>> unpinned(String stream, String consumer, String group,
                                                                 String reason) {
        Map<String, Object> e = forConsumer("consumer_group_unpinned", stream, consumer);
        e.put("group", group);
        e.put("reason", reason);
        return Map.entry(PREFIX + "UNPINNED." + stream + "." + consumer, e);
    }

    /** @return a 22-character random id like the reference's NUID */
    public static String newId() {
        char[] c = new char[ID_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = ID_DIGITS.charAt(RANDOM.nextInt(ID_DIGITS.length()));
        }
        return new String(c);
    }

    /** The common head of every consumer advisory: type, id, timestamp, stream and consumer, in the reference's order. */
    private static Map<String, Object> forConsumer(String type, String stream, String consumer) {
        Map<String, Object> e = base(type);
        e.put("stream", stream);
        e.put("consumer", consumer);
        return e;
    }

    private static Map<String, Object> base(String type) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", TYPE_PREFIX + type);
        e.put("id", newId());
        e.put("timestamp", ConsumerJson.goTime(Instant.now()));
        return e;
    }
}

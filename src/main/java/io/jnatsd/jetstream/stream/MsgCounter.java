package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twin of the counter steps of {@code processJetStreamMsg} in {@code server/stream.go} (2.12 counter CRDTs): on a
 * stream with {@code allow_msg_counter}, a publish carries {@code Nats-Incr: <integer>} and no payload, and the
 * server stores {@code {"val":"<new total>"}} as the subject's last message. A message sourced from another counter
 * stream carries that stream's total instead; the totals seen per origin stream and subject are kept in the
 * {@code Nats-Counter-Sources} header, so that the increment applied is the difference from the last one seen.
 * Totals are arbitrary-precision integers, as the reference's {@code big.Int}.
 *
 * <p>Stateless and thread-safe; callers serialise the updates of one stream (the ingest executor).
 */
final class MsgCounter {
    /** Totals per origin stream and subject. */
    static final String SOURCES = "Nats-Counter-Sources";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Map<String, String>>> SOURCES_TYPE = new TypeReference<>() {
    };

    /**
     * The message to store in place of the one published.
     *
     * @param headers its headers
     * @param payload its payload, {@code {"val":"<total>"}}
     * @param value   the new total, for the PubAck
     */
    record Applied(byte[] headers, byte[] payload, String value) {
    }

    private MsgCounter() {
    }

    /**
     * Twin of {@code getMessageIncr}.
     *
     * @param raw the Nats-Incr value, or null
     * @return the increment, or null when there is none
     * @throws io.jnatsd.jetstream.errors.ApiException MESSAGE_INCR_INVALID when it is not a base-10 integer
     */
    static BigInteger parseIncrement(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return new BigInteger(raw);
        } catch (NumberFormatException e) {
            throw ApiError.MESSAGE_INCR_INVALID.toException();
        }
    }

    /**
     * The checks on a publish before it is stored, in the reference's order.
     *
     * @param counterStream whether the stream allows counters
     * @param h             the message's JetStream headers, or null
     * @param payload       its payload
     * @return the increment, or null on a stream without counters when there is none
     */
    static BigInteger checkPublish(boolean counterStream, JsHeaders h, byte[] payload) {
        BigInteger incr = h == null ? null : parseIncrement(h.incr());
        if (incr != null) {
            if (!counterStream) {
                throw ApiError.MESSAGE_INCR_DISABLED.toException();
            }
            if (payload != null && payload.length > 0) {
                throw ApiError.MESSAGE_INCR_PAYLOAD.toException();
            }
            if (h.hasConditions()) {
                throw ApiError.MESSAGE_INCR_INVALID.toException();
            }
        }
        if (counterStream && incr == null) {
            throw ApiError.MESSAGE_INCR_MISSING.toException();
        }
        return incr;
    }

    /**
     * Adds a published increment to the subject's last total.
     *
     * @param store           the stream's store
     * @param subject         the subject (after the stream's transform)
     * @param incr            the increment
     * @param headers         the published headers
     * @param maxPayloadBytes the server's max_payload
     * @return what to store
     */
    static Applied add(StreamStore store, String subject, BigInteger incr, byte[] headers, int maxPayloadBytes) {
        Last last = last(store, subject);
        byte[] hdr = headers;
        if (!last.sources().isEmpty()) {
            hdr = HeaderBlock.set(hdr, SOURCES, sourcesJson(last.sources()));
        }
        return applied(hdr, last.total().add(incr), maxPayloadBytes);
    }

    /**
     * Adds a total sourced from another counter stream: the increment is its difference from the last total seen
     * from that origin subject, and Nats-Incr is rewritten to it.
     *
     * @param store           the stream's store
     * @param subject         the subject the message is stored under
     * @param originStream    the stream it comes from
     * @param originSubject   its subject there
     * @param headers         its headers (with Nats-Stream-Source)
     * @param payload         its payload, the origin's total
     * @param maxPayloadBytes the server's max_payload
     * @return what to store
     */
    static Applied addSourced(StreamStore store, String subject, String originStream, String originSubject,
                              byte[] headers, byte[] payload, int maxPayloadBytes) {
        Last last = last(store, subject);
        BigInteger sourced = value(payload);
        Map<String, Map<String, String>> sources = new TreeMap<>(last.sources());
        Map<String, String> perSubject = new TreeMap<>(sources.getOrDefault(originStream, Map.of()));
        BigInteger previous = integer(perSubject.get(originSubject));
        perSubject.put(originSubject, sourced.toString());
        sources.put(originStream, perSubject);
        BigInteger incr = sourced.subtract(previous);
        byte[] hdr = HeaderBlock.set(headers, JsHeaders.INCR, incr.toString());
        hdr = HeaderBlock.set(hdr, SOURCES, sourcesJson(sources));
        return applied(hdr, last.total().add(incr), maxPayloadBytes);
    }

    private record Last(BigInteger total, Map<String, Map<String, String>> sources) {
    }

    private static Last last(StreamStore store, String subject) {
        StoredMsg m;
        try {
            m = store.loadLastMsg(subject);
        } catch (StoreException e) {
            return new Last(BigInteger.ZERO, Map.of());
        }
        BigInteger total = value(m.payload());
        Map<String, Map<String, String>> sources = Map.of();
        String raw = HeaderBlock.get(m.headers(), SOURCES);
        if (raw != null && !raw.isEmpty()) {
            try {
                sources = JSON.readValue(raw, SOURCES_TYPE);
            } catch (JsonProcessingException e) {
                throw ApiError.MESSAGE_COUNTER_BROKEN.toException();
            }
        }
        return new Last(total, sources);
    }

    /** A payload that is not JSON breaks the counter; a missing or non-numeric "val" counts as zero. */
    private static BigInteger value(byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload == null ? new byte[0] : payload);
        } catch (java.io.IOException e) {
            throw ApiError.MESSAGE_COUNTER_BROKEN.toException();
        }
        if (node == null || !node.isObject()) {
            throw ApiError.MESSAGE_COUNTER_BROKEN.toException();
        }
        JsonNode val = node.get("val");
        return integer(val == null || !val.isTextual() ? null : val.asText());
    }

    private static BigInteger integer(String s) {
        if (s == null || s.isEmpty()) {
            return BigInteger.ZERO;
        }
        try {
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            return BigInteger.ZERO;
        }
    }

    private static Applied applied(byte[] hdr, BigInteger total, int maxPayloadBytes) {
        String value = total.toString();
        byte[] payload = ("{\"val\":\"" + value + "\"}").getBytes(StandardCharsets.US_ASCII);
        long hdrLen = hdr == null ? 0 : hdr.length;
        if (hdrLen > maxPayloadBytes || payload.length > maxPayloadBytes - hdrLen) {
            throw ApiError.STREAM_MESSAGE_EXCEEDS_MAXIMUM.toException();
        }
        return new Applied(hdr, payload, value);
    }

    private static String sourcesJson(Map<String, Map<String, String>> sources) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(sources));
        } catch (JsonProcessingException e) {
            throw ApiError.MESSAGE_COUNTER_BROKEN.toException();
        }
    }
}

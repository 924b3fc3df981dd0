package io.jnatsd.account.latency;

import io.jnatsd.account.LatencyConfig;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Twin of {@code shouldSample} in {@code server/accounts.go}: whether a request to a tracked
 * service is measured, by percentage or, when the headers decide, by the tracing headers it
 * carries (Uber, B3, W3C trace context), and which of those headers go into the measurement.
 * Stateless; thread-safe.
 */
final class LatencySampling {

    static final String UBER = "Uber-Trace-Id";
    static final String B3 = "B3";
    static final String B3_SAMPLED = "X-B3-Sampled";
    static final String B3_TRACE_ID = "X-B3-Traceid";
    static final String TRACE_PARENT = "Traceparent";
    private static final List<String> B3_HEADERS = List.of(B3_TRACE_ID, "X-B3-Spanid", "X-B3-Parentspanid",
            B3_SAMPLED, "X-B3-Flags");
    private static final int ALWAYS = 100;

    private LatencySampling() {
    }

    /** Not sampled. */
    static final Map<String, List<String>> NO = null;

    /**
     * The decision for one request.
     *
     * @return null when it is not measured; else the tracing headers that made it (empty when the
     *         percentage did)
     */
    static Map<String, List<String>> decide(LatencyConfig config, byte[] natsHeaders) {
        int sampling = config.samplingPercent();
        if (sampling >= ALWAYS) {
            return Map.of();
        }
        if (sampling > 0 && ThreadLocalRandom.current().nextInt(ALWAYS) <= sampling) {
            return Map.of();
        }
        Map<String, List<String>> h = parse(natsHeaders);
        if (h.isEmpty()) {
            return NO;
        }
        if (h.containsKey(UBER)) {
            String[] tk = h.get(UBER).get(0).split(":", -1);
            if (tk.length == 4 && !tk[3].isEmpty() && tk[3].length() <= 2 && isOddHex(tk[3])) {
                return Map.of(UBER, h.get(UBER));
            }
            return NO;
        }
        List<String> sampled = h.get(B3_SAMPLED);
        if (sampled != null && "1".equals(sampled.get(0))) {
            return only(h, B3_HEADERS);
        }
        if (sampled != null && "0".equals(sampled.get(0))) {
            return NO;
        }
        if (h.containsKey(B3_TRACE_ID)) {
            return only(h, B3_HEADERS);
        }
        if (h.containsKey(B3)) {
            String[] tk = h.get(B3).get(0).split("-", -1);
            if (tk.length > 2 && "0".equals(tk[2]) || tk.length == 1 && "0".equals(tk[0])) {
                return NO;
            }
            return Map.of(B3, h.get(B3));
        }
        if (h.containsKey(TRACE_PARENT)) {
            String[] tk = h.get(TRACE_PARENT).get(0).split("-", -1);
            if (tk.length == 4 && tk[3].length() == 2 && isOddHex(tk[3])) {
                return only(h, List.of(TRACE_PARENT, "Tracestate"));
            }
        }
        return NO;
    }

    private static boolean isOddHex(String s) {
        try {
            return (Integer.parseInt(s, 16) & 1) == 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, List<String>> only(Map<String, List<String>> h, List<String> keys) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String k : keys) {
            if (h.containsKey(k)) {
                out.put(k, h.get(k));
            }
        }
        return out;
    }

    /** A NATS header block as Go's {@code http.Header}: canonical keys, values in order. */
    static Map<String, List<String>> parse(byte[] natsHeaders) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (natsHeaders == null) {
            return out;
        }
        String[] lines = new String(natsHeaders, StandardCharsets.UTF_8).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String key = canonical(lines[i].substring(0, colon).trim());
                out.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** Go's {@code textproto.CanonicalMIMEHeaderKey}: {@code x-b3-sampled} is {@code X-B3-Sampled}. */
    static String canonical(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        boolean upper = true;
        for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return sb.toString();
    }
}

package io.jnatsd.jetstream.stream;

import java.nio.charset.StandardCharsets;

/**
 * The header block of a message a schedule produces, as {@code getScheduledMessages} in
 * {@code server/scheduler.go} builds it: the content's headers without the schedule headers
 * ({@code Nats-Schedule*}, which also covers {@code Nats-Scheduler}), without the headers that could stop it being
 * stored ({@code Nats-Expected-*}, {@code Nats-Msg-Id}, {@code Nats-TTL}, {@code Nats-Rollup}), then
 * {@code Nats-Scheduler}, {@code Nats-Schedule-Next} and, when the schedule asks for them, {@code Nats-TTL} and
 * {@code Nats-Rollup} appended.
 *
 * <p>Stateless and thread-safe.
 */
final class ScheduledHeaders {
    private static final String STATUS_LINE = "NATS/1.0\r\n";

    private ScheduledHeaders() {
    }

    /**
     * @param content   the headers of the content (the schedule message, or the source's last message), or null
     * @param scheduler the schedule's subject
     * @param next      the next fire time, or "purge"
     * @param ttl       the schedule's Nats-Schedule-TTL, or null
     * @param rollup    the schedule's Nats-Schedule-Rollup, or null
     * @return the produced message's header block
     */
    static byte[] produced(byte[] content, String scheduler, String next, String ttl, String rollup) {
        StringBuilder sb = new StringBuilder(128).append(STATUS_LINE);
        if (content != null && content.length >= 4) {
            String block = new String(content, StandardCharsets.UTF_8);
            int from = block.indexOf("\r\n");
            while (from >= 0 && from + 2 < block.length()) {
                int start = from + 2;
                int end = block.indexOf("\r\n", start);
                if (end < 0) {
                    end = block.length();
                }
                String line = block.substring(start, end);
                if (!line.isEmpty() && !stripped(line)) {
                    sb.append(line).append("\r\n");
                }
                from = end < block.length() ? end : -1;
            }
        }
        line(sb, MsgScheduleCheck.SCHEDULER, scheduler);
        line(sb, MsgScheduleCheck.NEXT, next);
        if (ttl != null && !ttl.isEmpty()) {
            line(sb, JsHeaders.TTL, ttl);
        }
        if (rollup != null && !rollup.isEmpty()) {
            line(sb, JsHeaders.ROLLUP, rollup);
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean stripped(String line) {
        return line.startsWith(JsHeaders.SCHEDULE_PREFIX) || line.startsWith("Nats-Expected-")
            || named(line, JsHeaders.MSG_ID) || named(line, JsHeaders.TTL) || named(line, JsHeaders.ROLLUP);
    }

    private static boolean named(String line, String name) {
        return line.startsWith(name) && line.length() > name.length() && line.charAt(name.length()) == ':';
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(name).append(": ").append(value).append("\r\n");
    }
}

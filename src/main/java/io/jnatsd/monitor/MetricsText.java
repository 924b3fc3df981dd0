package io.jnatsd.monitor;

import io.jnatsd.server.LatencyHistogram;

import java.util.Locale;

/**
 * The text of one /metrics scrape being written, in the Prometheus text format 0.0.4 or in
 * OpenMetrics 1.0 (counter samples then end in {@code _total}, and the text in
 * {@code # EOF}). Every family is {@code # HELP}, {@code # TYPE}, then its samples. Confined to
 * the thread that renders one scrape.
 */
final class MetricsText {

    private final StringBuilder sb = new StringBuilder(4096);
    final boolean openMetrics;

    MetricsText(boolean openMetrics) {
        this.openMetrics = openMetrics;
    }

    /** A family of one sample. */
    void family(String labels, String name, String help, String type, double value) {
        header(name, help, type);
        sample(name, labels, value, type.equals("counter"));
    }

    /** The {@code # HELP} and {@code # TYPE} lines that open a family. */
    void header(String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One sample of the family opened last; {@code labels} as made by {@link #labels}. */
    void sample(String name, String labels, double value, boolean counter) {
        sb.append(name).append(counter && openMetrics ? "_total" : "").append(labels).append(' ')
                .append(format(value)).append('\n');
    }

    /** A histogram family: cumulative buckets by {@code le}, then sum and count, in seconds. */
    void histogram(String serverId, String name, String help, LatencyHistogram h) {
        header(name, help, "histogram");
        long[] bounds = h.boundsNanos();
        long[] counts = h.counts();
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            String le = i < bounds.length ? format(bounds[i] / 1e9) : "+Inf";
            sb.append(name).append("_bucket").append(labels("server_id", serverId, "le", le)).append(' ')
                    .append(cumulative).append('\n');
        }
        String label = labels("server_id", serverId);
        sb.append(name).append("_sum").append(label).append(' ').append(format(h.sumNanos() / 1e9)).append('\n')
                .append(name).append("_count").append(label).append(' ').append(cumulative).append('\n');
    }

    String finish() {
        if (openMetrics) {
            sb.append("# EOF\n");
        }
        return sb.toString();
    }

    /** {@code {k1="v1",k2="v2"}} from name/value pairs, values escaped as the format asks. */
    static String labels(String... pairs) {
        StringBuilder b = new StringBuilder(64).append('{');
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append(pairs[i]).append("=\"");
            String v = pairs[i + 1] == null ? "" : pairs[i + 1];
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '"' -> b.append("\\\"");
                    case '\n' -> b.append("\\n");
                    default -> b.append(c);
                }
            }
            b.append('"');
        }
        return b.append('}').toString();
    }

    /** Whole numbers as integers; others in plain decimals, or in Go's exponent form when 1e15 or more. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e15) {
            return Double.toString(v).replace("E", "e+");
        }
        return String.format(Locale.ROOT, "%.9f", v).replaceAll("0+$", "");
    }
}

package io.jnatsd.config;

import io.jnatsd.account.LatencyConfig;

import java.util.Locale;
import java.util.Map;

/** Twin of {@code parseServiceLatency} in {@code server/opts.go}: a service export's {@code latency}. */
final class LatencyReader {

    private LatencyReader() {
    }

    static LatencyConfig read(ConfValue v) throws ConfException {
        if (v.plain() instanceof String subject) {
            return new LatencyConfig(LatencyConfig.SAMPLING_DEFAULT, subject);
        }
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected latency entry to be a map/struct or string, got "
                    + v.typeName(), null);
        }
        int sampling = LatencyConfig.SAMPLING_DEFAULT;
        ConfValue subject = null;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            switch (e.getKey()) {
                case "sampling" -> sampling = sampling(e.getValue());
                case "subject" -> subject = e.getValue();
                default -> {
                    // The reference reads these two keys and ignores the rest.
                }
            }
        }
        if (subject == null) {
            throw new ConfException(v.reportPosition(), "Latency subject required, but missing", null);
        }
        if (!(subject.plain() instanceof String s)) {
            throw new ConfException(subject.reportPosition(), "Expected latency subject to be a string, got "
                    + subject.typeName(), null);
        }
        return new LatencyConfig(sampling, s);
    }

    /**
     * The reference's refusal of latency tracking with {@code no_system_account}, for the first
     * tracked export, or null.
     */
    static String withoutSystemAccount(java.util.List<io.jnatsd.account.AccountConfig> accounts) {
        for (io.jnatsd.account.AccountConfig a : accounts) {
            for (io.jnatsd.account.ExportConfig e : a.exports()) {
                if (e.latency() != null) {
                    return "Error adding service latency sampling for \"" + e.subject()
                            + "\": system account not setup";
                }
            }
        }
        return null;
    }

    private static int sampling(ConfValue v) throws ConfException {
        long sample;
        if (v.plain() instanceof Long n) {
            sample = n;
        } else if (v.plain() instanceof String s) {
            if (s.trim().toLowerCase(Locale.ROOT).equals("headers")) {
                return LatencyConfig.SAMPLING_HEADERS;
            }
            String digits = s.endsWith("%") ? s.substring(0, s.length() - 1) : s;
            try {
                sample = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new ConfException(v.reportPosition(), "Failed to parse latency sample: strconv.Atoi: parsing \""
                        + digits + "\": invalid syntax", s);
            }
        } else {
            throw new ConfException(v.reportPosition(), "Expected latency sample to be a string or map/struct, got "
                    + v.typeName(), null);
        }
        if (sample < 1 || sample > 100) {
            throw new ConfException(v.reportPosition(), "bad sampling percentage, should be 1-100", null);
        }
        return (int) sample;
    }
}

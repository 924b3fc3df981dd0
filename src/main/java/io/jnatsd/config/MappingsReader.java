package io.jnatsd.config;

import io.jnatsd.account.MappingConfig;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseAccountMappings} and {@code parseAccountMapDest} in
 * {@code server/opts.go}: a {@code mappings} block, plain ({@code foo: bar}) or weighted
 * ({@code foo: [{dest: bar, weight: 50%}, ...]}); every destination is checked by compiling it.
 */
final class MappingsReader {

    /** The largest weight and the largest sum of weights of one source. */
    static final int WEIGHT_MAX_PERCENT = 100;

    private MappingsReader() {
    }

    static List<MappingConfig> read(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected mappings to be a map, got " + v.typeName(), null);
        }
        List<MappingConfig> out = new ArrayList<>();
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            String source = e.getKey();
            ConfValue value = e.getValue();
            if (!Subjects.isValidSubject(source)) {
                throw new ConfException(value.reportPosition(), "Subject \"" + source + "\" is not a valid subject",
                        source);
            }
            List<MappingConfig.Destination> dests = new ArrayList<>();
            if (value.plain() instanceof String s) {
                dests.add(new MappingConfig.Destination(s, WEIGHT_MAX_PERCENT));
            } else if (value.isList()) {
                for (ConfValue d : value.asList()) {
                    dests.add(destination(d));
                }
            } else if (value.isMap()) {
                dests.add(destination(value));
            } else {
                throw new ConfException(value.reportPosition(), "Unknown type " + value.typeName()
                        + " for mapping destination", source);
            }
            check(source, dests, value);
            out.add(new MappingConfig(source, dests));
        }
        return out;
    }

    private static MappingConfig.Destination destination(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected an entry for the mapping destination", null);
        }
        String subject = null;
        Integer weight = null;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "dest", "destination" -> subject = ServerOptionsReader.string(value);
                case "weight" -> weight = weight(value);
                case "cluster" -> ServerOptionsReader.string(value);
                default -> throw new ConfException(value.reportPosition(), "Unknown field \"" + e.getKey()
                        + "\" for mapping destination", e.getKey());
            }
        }
        if (weight == null) {
            throw new ConfException(v.reportPosition(), "Missing weight for mapping destination \"" + subject + "\"",
                    subject);
        }
        return new MappingConfig.Destination(subject, weight);
    }

    private static int weight(ConfValue v) throws ConfException {
        long w;
        if (v.plain() instanceof Long n) {
            w = n;
        } else if (v.plain() instanceof String s) {
            String digits = s.endsWith("%") ? s.substring(0, s.length() - 1) : s;
            try {
                w = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new ConfException(v.reportPosition(), "Invalid weight \"" + digits + "\" for mapping destination",
                        s);
            }
        } else {
            throw new ConfException(v.reportPosition(), "Unknown entry type for weight of " + v.plain(), null);
        }
        if (w < 0 || w > WEIGHT_MAX_PERCENT) {
            throw new ConfException(v.reportPosition(), "Invalid weight " + w + " for mapping destination", null);
        }
        return (int) w;
    }

    private static void check(String source, List<MappingConfig.Destination> dests, ConfValue at)
            throws ConfException {
        int total = 0;
        for (MappingConfig.Destination d : dests) {
            total += d.weightPercent();
            try {
                SubjectTransform.compile(source, d.subject());
            } catch (IllegalArgumentException e) {
                throw new ConfException(at.reportPosition(), "Error adding mapping for \"" + source + "\" to \""
                        + d.subject() + "\" : " + e.getMessage(), source);
            }
        }
        if (total > WEIGHT_MAX_PERCENT) {
            throw new ConfException(at.reportPosition(), "Error adding mapping for \"" + source
                    + "\" : total weight of the destinations is over 100%", source);
        }
    }
}

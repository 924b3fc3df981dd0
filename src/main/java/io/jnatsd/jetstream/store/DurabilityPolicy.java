package io.jnatsd.jetstream.store;

import java.time.Duration;
import java.util.Locale;

/**
 * When the file store forces its writes to the device, and so when {@link StreamStore#awaitDurable} completes.
 * The one place where the sync level is decided (read once when the store opens). See docs/durability.md.
 *
 * @param mode              the mode
 * @param syncIntervalNanos period of the background sync: the only sync in {@link Mode#INTERVAL}, and a
 *                          fallback for writes nobody waits on (removals) in the other modes
 * @param maxWaitNanos      in group commit, the longest a sync round waits for appends to stop arriving, so that
 *                          a burst shares one fsync (0: the round starts as soon as the sync thread is idle)
 */
public record DurabilityPolicy(Mode mode, long syncIntervalNanos, long maxWaitNanos) {
    /** Default background sync period of the durable modes. */
    public static final long SYNC_INTERVAL_NANOS_DEFAULT = 1_000_000_000L;
    /** Default cap on how long a group-commit round waits for a burst of appends to end. */
    public static final long MAX_WAIT_NANOS_DEFAULT = 1_000_000L;
    /** The reference's default {@code sync_interval} (2 minutes). */
    public static final long LAZY_SYNC_INTERVAL_NANOS_DEFAULT = 120_000_000_000L;

    /** The sync modes. */
    public enum Mode {
        /** jnatsd's default: an append is durable once a group-commit fsync covering it returns. */
        GROUP_COMMIT,
        /** {@code sync_interval: always}: every store call returns only after an fsync covering it. */
        ALWAYS,
        /** {@code sync_interval: <duration>}: the reference's lazy mode; acks do not wait for fsync. */
        INTERVAL
    }

    /** Checks the fields. */
    public DurabilityPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("mode required");
        }
        if (syncIntervalNanos <= 0) {
            throw new IllegalArgumentException("sync interval must be positive");
        }
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("max wait must not be negative");
        }
    }

    /** @return the default: group commit */
    public static DurabilityPolicy groupCommit() {
        return new DurabilityPolicy(Mode.GROUP_COMMIT, SYNC_INTERVAL_NANOS_DEFAULT, MAX_WAIT_NANOS_DEFAULT);
    }

    /** @return fsync on every store call */
    public static DurabilityPolicy always() {
        return new DurabilityPolicy(Mode.ALWAYS, SYNC_INTERVAL_NANOS_DEFAULT, MAX_WAIT_NANOS_DEFAULT);
    }

    /**
     * @param interval the sync period
     * @return the reference's lazy mode
     */
    public static DurabilityPolicy interval(Duration interval) {
        return new DurabilityPolicy(Mode.INTERVAL, interval.toNanos(), 0);
    }

    /**
     * Parses the {@code sync_interval} option as the reference accepts it.
     *
     * @param syncInterval null or "" for the default, "always", or a Go-style duration ("2m", "10s", "500ms")
     * @return the policy
     */
    public static DurabilityPolicy parse(String syncInterval) {
        if (syncInterval == null || syncInterval.isBlank()) {
            return groupCommit();
        }
        String s = syncInterval.trim().toLowerCase(Locale.ROOT);
        if (s.equals("always")) {
            return always();
        }
        return interval(Duration.ofNanos(parseDurationNanos(s)));
    }

    private static long parseDurationNanos(String s) {
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("bad sync_interval: " + s);
        }
        double n = Double.parseDouble(s.substring(0, i));
        long unitNanos = switch (s.substring(i)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s", "" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("bad sync_interval unit: " + s);
        };
        long nanos = (long) (n * unitNanos);
        if (nanos <= 0) {
            throw new IllegalArgumentException("sync_interval must be positive: " + s);
        }
        return nanos;
    }
}

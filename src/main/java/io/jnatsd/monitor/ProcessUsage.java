package io.jnatsd.monitor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Twin of {@code server/pse/pse_linux.go}: the process's resident memory and CPU use, as
 * /varz reports them ({@code mem} in bytes, {@code cpu} in percent of one core, averaged
 * since the previous sample). Thread-safe.
 */
final class ProcessUsage {

    /** Samples closer than this reuse the last CPU figure, so a burst of requests does not read zero. */
    static final long MIN_SAMPLE_NANOS = 1_000_000_000L;
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_BYTES = 4096;

    private long lastWallNanos = System.nanoTime();
    private long lastCpuNanos = cpuNanos();
    private double lastPercent;

    /** Percent of one core used since the previous sample (100 = one core busy). */
    synchronized double cpuPercent() {
        long now = System.nanoTime();
        long cpu = cpuNanos();
        long wall = now - lastWallNanos;
        if (wall >= MIN_SAMPLE_NANOS && cpu >= 0) {
            lastPercent = Math.round((cpu - lastCpuNanos) * 1000.0 / wall) / 10.0;
            lastWallNanos = now;
            lastCpuNanos = cpu;
        }
        return lastPercent;
    }

    /** Resident set size in bytes; the JVM's committed heap where /proc is missing. */
    static long residentBytes() {
        try {
            String[] f = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().totalMemory();
        }
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}

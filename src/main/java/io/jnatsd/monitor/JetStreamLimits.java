package io.jnatsd.monitor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Twin of the defaults {@code enableJetStream} ({@code server/jetstream.go}) and
 * {@code diskAvailable} ({@code server/disk_avail.go}) put in {@code JetStreamConfig} when
 * {@code max_memory_store} or {@code max_file_store} is not set: three quarters of the
 * machine's memory, and three quarters of the free space of the store's file system (1 TB when
 * it cannot be read). Stateless.
 */
final class JetStreamLimits {

    /** The reference's {@code JetStreamMaxMemDefault}, used when the machine's memory is unknown. */
    static final long MAX_MEMORY_BYTES_DEFAULT = 256L * 1024 * 1024;
    /** The reference's {@code JetStreamMaxStoreDefault}, used when free space is unknown. */
    static final long MAX_STORE_BYTES_DEFAULT = 1024L * 1024 * 1024 * 1024;

    private JetStreamLimits() {
    }

    /** The configured memory limit, or three quarters of the machine's memory when it is not set. */
    static long maxMemoryBytes(long configuredBytes) {
        if (configuredBytes > 0) {
            return configuredBytes;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total / 4 * 3;
            }
        }
        return MAX_MEMORY_BYTES_DEFAULT;
    }

    /** The configured storage limit, or three quarters of the free space under {@code storeDir}. */
    static long maxStorageBytes(long configuredBytes, Path storeDir) {
        if (configuredBytes > 0) {
            return configuredBytes;
        }
        try {
            Path p = storeDir;
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            if (p != null) {
                return Files.getFileStore(p).getUsableSpace() / 4 * 3;
            }
        } catch (IOException | SecurityException e) {
            return MAX_STORE_BYTES_DEFAULT;
        }
        return MAX_STORE_BYTES_DEFAULT;
    }
}

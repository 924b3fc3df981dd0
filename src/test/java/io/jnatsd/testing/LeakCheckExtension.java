package io.jnatsd.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when Netty reported a buffer leak while it ran. Registered for every
 * test class by JUnit's extension auto-detection (META-INF/services).
 *
 * <p>Leaks are found when a leaked buffer is garbage collected and a later allocation
 * polls the reference queue, so the check collects garbage and allocates a few tracked
 * buffers before it reads the report list.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    private static final int PROBE_ALLOCATIONS = 64;

    @Override
    public void afterAll(ExtensionContext context) {
        System.gc();
        System.runFinalization();
        for (int i = 0; i < PROBE_ALLOCATIONS; i++) {
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(8);
            probe.release();
        }
        List<String> leaks = RecordingLeakDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " buffer leak(s) in "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }
}

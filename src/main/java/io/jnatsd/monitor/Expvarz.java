package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Twin of {@code /debug/vars} ({@code expvar.Handler}, mounted by {@code startMonitoring} in
 * {@code server/server.go}) and {@code expvarz} in {@code server/monitor.go}: {@code cmdline}
 * and {@code memstats}, Go's {@code runtime.MemStats} field names filled from the JVM: the heap
 * stands for Go's heap, garbage collectors' counts and times for Go's GC cycles, and fields the
 * JVM has no twin of (stack spans, mcache, per-size-class counts) are 0 or empty. The body is
 * laid out as {@code expvar.Handler} writes it. Stateless.
 */
final class Expvarz {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    /** Go keeps the last 256 GC pauses in a ring. */
    static final int PAUSE_RING = 256;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Expvarz() {
    }

    /** The text of {@code /debug/vars}: one line per variable, in key order, as {@code expvar.Handler}. */
    static byte[] render() {
        String body = "{\n\"cmdline\": " + cmdline() + ",\n\"memstats\": " + memstats() + "\n}\n";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code ExpvarzStatus} the system request answers with. */
    static ObjectNode status() {
        ObjectNode n = F.objectNode();
        n.set("memstats", memstats());
        n.set("cmdline", cmdline());
        return n;
    }

    static ArrayNode cmdline() {
        ArrayNode a = F.arrayNode();
        ProcessHandle.Info info = ProcessHandle.current().info();
        a.add(info.command().orElse("java"));
        info.arguments().ifPresent(args -> {
            for (String s : args) {
                a.add(s);
            }
        });
        return a;
    }

    static ObjectNode memstats() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        long numGc = 0;
        long gcMillis = 0;
        long lastEndMillis = 0;
        long lastPauseMillis = 0;
        for (GarbageCollectorMXBean gc : gcs) {
            numGc += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun && sun.getLastGcInfo() != null
                    && sun.getLastGcInfo().getEndTime() > lastEndMillis) {
                lastEndMillis = sun.getLastGcInfo().getEndTime();
                lastPauseMillis = sun.getLastGcInfo().getDuration();
            }
        }
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        long uptimeMillis = Math.max(1, ManagementFactory.getRuntimeMXBean().getUptime());
        long used = heap.getUsed();
        long committed = heap.getCommitted();
        ObjectNode m = F.objectNode();
        m.put("Alloc", used);
        m.put("TotalAlloc", totalAllocatedBytes(used));
        m.put("Sys", committed + nonHeap.getCommitted());
        m.put("Lookups", 0);
        m.put("Mallocs", 0);
        m.put("Frees", 0);
        m.put("HeapAlloc", used);
        m.put("HeapSys", committed);
        m.put("HeapIdle", Math.max(0, committed - used));
        m.put("HeapInuse", used);
        m.put("HeapReleased", 0);
        m.put("HeapObjects", 0);
        m.put("StackInuse", 0);
        m.put("StackSys", 0);
        m.put("MSpanInuse", 0);
        m.put("MSpanSys", 0);
        m.put("MCacheInuse", 0);
        m.put("MCacheSys", 0);
        m.put("BuckHashSys", 0);
        m.put("GCSys", 0);
        m.put("OtherSys", nonHeap.getCommitted());
        m.put("NextGC", committed);
        m.put("LastGC", lastEndMillis == 0 ? 0 : (startMillis + lastEndMillis) * 1_000_000L);
        m.put("PauseTotalNs", gcMillis * 1_000_000L);
        ArrayNode pauseNs = m.putArray("PauseNs");
        ArrayNode pauseEnd = m.putArray("PauseEnd");
        int last = (int) ((numGc + PAUSE_RING - 1) % PAUSE_RING);
        for (int i = 0; i < PAUSE_RING; i++) {
            boolean isLast = numGc > 0 && i == last;
            pauseNs.add(isLast ? lastPauseMillis * 1_000_000L : 0);
            pauseEnd.add(isLast && lastEndMillis > 0 ? (startMillis + lastEndMillis) * 1_000_000L : 0);
        }
        m.put("NumGC", numGc);
        m.put("NumForcedGC", 0);
        m.put("GCCPUFraction", (double) gcMillis / uptimeMillis);
        m.put("EnableGC", true);
        m.put("DebugGC", false);
        m.putArray("BySize");
        return m;
    }

    /** Bytes allocated since start by every thread, when the JVM counts it; else the heap in use. */
    private static long totalAllocatedBytes(long fallback) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            long total = t.getTotalThreadAllocatedBytes();
            return total > 0 ? total : fallback;
        }
        return fallback;
    }
}

package io.jnatsd.monitor;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;

/**
 * The JVM's answer to {@code HandleStacksz} in {@code server/monitor.go}: where the
 * reference dumps every goroutine, this dumps every thread with its state, locks and full
 * stack, in the layout of {@code jstack}. Takes no lock of the server, so it works while
 * the server is stuck.
 */
final class Stacksz {

    private Stacksz() {
    }

    static String dump() {
        StringBuilder sb = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            appendThread(sb, t);
        }
        return sb.toString();
    }

    private static void appendThread(StringBuilder sb, ThreadInfo t) {
        sb.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId())
                .append(t.isDaemon() ? " daemon" : "").append(" prio=").append(t.getPriority())
                .append('\n').append("   java.lang.Thread.State: ").append(t.getThreadState()).append('\n');
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            sb.append("\tat ").append(stack[i]).append('\n');
            if (i == 0 && t.getLockInfo() != null) {
                sb.append("\t- waiting on ").append(describe(t.getLockInfo())).append('\n');
            }
            for (MonitorInfo m : t.getLockedMonitors()) {
                if (m.getLockedStackDepth() == i) {
                    sb.append("\t- locked ").append(describe(m)).append('\n');
                }
            }
        }
        LockInfo[] synchronizers = t.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            sb.append("\n   Locked ownable synchronizers:\n");
            for (LockInfo l : synchronizers) {
                sb.append("\t- ").append(describe(l)).append('\n');
            }
        }
        sb.append('\n');
    }

    private static String describe(LockInfo l) {
        return "<0x" + Integer.toHexString(l.getIdentityHashCode()) + "> (a " + l.getClassName() + ")";
    }
}

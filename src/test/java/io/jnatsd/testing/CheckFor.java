package io.jnatsd.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Twin of {@code checkFor} in the reference's {@code server/test_helper.go}: runs a check
 * until it passes or the time is up, for conditions that become true on another thread.
 * Polling, not sleeping: the test goes on as soon as the condition holds.
 */
public final class CheckFor {

    /** How long a check runs by default before it gives up. */
    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** How long it waits between two tries by default. */
    public static final Duration INTERVAL_DEFAULT = Duration.ofMillis(5);

    /** A check that throws (an AssertionError or any exception) while its condition does not hold yet. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private CheckFor() {
    }

    /** Runs {@code check} until it passes, at most {@link #TIMEOUT_DEFAULT}. */
    public static void checkFor(Check check) {
        checkFor(TIMEOUT_DEFAULT, INTERVAL_DEFAULT, check);
    }

    /**
     * Runs {@code check} every {@code interval} until it passes; after {@code timeout} it
     * throws the check's last failure.
     */
    public static void checkFor(Duration timeout, Duration interval, Check check) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            Throwable last;
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new AssertionError("condition not met within " + timeout + ": " + last.getMessage(), last);
            }
            LockSupport.parkNanos(interval.toNanos());
            if (Thread.interrupted()) {
                throw new AssertionError("interrupted while waiting", last);
            }
        }
    }
}

package io.jnatsd.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Plays one {@link DifferentialCase} against a server port and returns what each connection
 * saw. Every read is bounded by the case's deadline; nothing waits on the clock to order steps.
 */
final class CaseRunner {

    /** A whole case, all connections included, gets at most this long. */
    static final long CASE_DEADLINE_MILLIS = 2_000;
    /** How long {@link DifferentialCase.End#QUIET} listens for anything more. */
    static final long QUIET_MILLIS = 250;

    private CaseRunner() {
    }

    /** What one connection saw: its frames, whether the server closed it, and whether a read ran out of time. */
    record ConnectionOutcome(List<String> frames, boolean closed, boolean timedOut) {

        ConnectionOutcome sorted() {
            List<String> copy = new ArrayList<>(frames);
            copy.sort(null);
            return new ConnectionOutcome(copy, closed, timedOut);
        }

        @Override
        public String toString() {
            return String.join("\n", frames) + "\n[" + (closed ? "closed" : "open") + (timedOut ? ", timed out" : "")
                    + "]";
        }
    }

    /** Runs {@code c} against the server on {@code port}; outcomes are keyed by connection number. */
    static Map<Integer, ConnectionOutcome> run(DifferentialCase c, int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CASE_DEADLINE_MILLIS);
        Map<Integer, WireSession> sessions = new HashMap<>();
        try {
            for (DifferentialCase.Step step : c.steps()) {
                WireSession s = session(sessions, step.connection(), port, deadline);
                switch (step) {
                    case DifferentialCase.Send send -> s.send(send.bytes(), send.chunkBytes());
                    case DifferentialCase.Sync sync -> s.sync();
                }
            }
            Map<Integer, ConnectionOutcome> outcomes = new HashMap<>();
            for (int n = 1; n <= c.connections(); n++) {
                WireSession s = session(sessions, n, port, deadline);
                switch (c.end()) {
                    case PING -> s.sync();
                    case EOF -> s.readToEnd();
                    case QUIET -> s.readQuiet(QUIET_MILLIS);
                }
                ConnectionOutcome o = new ConnectionOutcome(WireFrames.split(s.received()), s.closed(), s.timedOut());
                outcomes.put(n, c.unordered() ? o.sorted() : o);
            }
            return outcomes;
        } finally {
            for (WireSession s : sessions.values()) {
                s.close();
            }
        }
    }

    private static WireSession session(Map<Integer, WireSession> sessions, int n, int port, long deadline)
            throws IOException {
        WireSession s = sessions.get(n);
        if (s == null) {
            s = new WireSession(port, deadline);
            sessions.put(n, s);
        }
        return s;
    }
}

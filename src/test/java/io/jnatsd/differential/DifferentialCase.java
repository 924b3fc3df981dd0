package io.jnatsd.differential;

import java.util.List;
import java.util.Map;

/**
 * One case of the differential corpus: steps on one or more client connections, how the case
 * ends, and, for a difference jnatsd keeps on purpose, the reason and what jnatsd must send.
 *
 * @param name          unique name, shown as the test's name
 * @param line          line of the corpus file where the case starts
 * @param steps         what to do, in order
 * @param end           how the connections are finished and read
 * @param unordered     compare frames as a multiset (the reference delivers to several matching
 *                      subscriptions in map order)
 * @param diffReason    null when both servers must agree; else why jnatsd differs
 * @param jnatsdFrames  for a difference: jnatsd's expected frames per connection number
 * @param jnatsdClosed  for a difference: whether jnatsd closes each connection
 */
record DifferentialCase(String name, int line, List<Step> steps, End end, boolean unordered, String diffReason,
                        Map<Integer, List<String>> jnatsdFrames, Map<Integer, Boolean> jnatsdClosed) {

    /** Matches any INFO frame in an expected transcript. */
    static final String ANY_INFO = "INFO*";

    boolean expectedDifference() {
        return diffReason != null;
    }

    /** Highest connection number the case uses. */
    int connections() {
        int max = 1;
        for (Step s : steps) {
            max = Math.max(max, s.connection());
        }
        return max;
    }

    @Override
    public String toString() {
        return name;
    }

    /** How a case finishes once its steps are done. */
    enum End {
        /** Send PING to each connection and read until PONG or until the server closes it. */
        PING,
        /** Read each connection until the server closes it (or the case's time runs out). */
        EOF,
        /** Send nothing more and read what comes within a short quiet window (a server waiting for more input). */
        QUIET
    }

    /** One step of a case. */
    sealed interface Step permits Send, Sync {
        int connection();
    }

    /**
     * Writes bytes on a connection (opened, and its INFO read, at first use), in writes of
     * {@code chunkBytes} each (0: one write), so that the server reads them split.
     */
    record Send(int connection, byte[] bytes, int chunkBytes) implements Step {
    }

    /** Sends PING on a connection and reads until its PONG: the server has handled all that came before. */
    record Sync(int connection) implements Step {
    }
}

package io.jnatsd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Twin of {@code processSignal} in {@code server/opts.go} and {@code ProcessSignal} in
 * {@code server/signal.go}: {@code --signal cmd[=pid|=pidfile]} sends the matching Unix signal
 * to a running server. The commands and signals are the reference's: {@code stop} is KILL,
 * {@code quit} INT, {@code term} TERM, {@code reopen} USR1, {@code reload} HUP, {@code ldm}
 * USR2. Without a pid the one running server is found by its command line; more than one is an
 * error, as with the reference.
 */
final class SignalSender {

    private static final String PROCESS_NAME = "nats-server";

    private SignalSender() {
    }

    /** The Unix signal of a command, or null for an unknown one. */
    static String signalOf(String command) {
        return switch (command) {
            case "ldm" -> "USR2";
            case "stop" -> "KILL";
            case "term" -> "TERM";
            case "quit" -> "INT";
            case "reopen" -> "USR1";
            case "reload" -> "HUP";
            default -> null;
        };
    }

    /** Returns the exit code: 0 when sent. */
    static int send(String spec) {
        String[] parts = spec.split("=", -1);
        if (parts.length > 2) {
            return fail("invalid signal parameters: " + List.of(parts).subList(2, parts.length));
        }
        String command = parts[0];
        String signal = signalOf(command);
        if (signal == null) {
            return fail("unknown signal \"" + command + "\"");
        }
        try {
            String pid = parts.length == 2 ? maybeReadPidFile(parts[1]) : onlyRunningServer();
            if (!pid.chars().allMatch(Character::isDigit) || pid.isEmpty()) {
                return fail("invalid pid: " + pid);
            }
            Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
            if (kill.waitFor() != 0) {
                return fail("signal \"" + command + "\" " + pid + ": kill failed");
            }
            return 0;
        } catch (IllegalStateException | IOException e) {
            return fail(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The reference reads the argument as a pid file when such a file exists, else as a pid. */
    private static String maybeReadPidFile(String arg) throws IOException {
        Path p = Path.of(arg);
        return Files.isRegularFile(p) ? Files.readString(p).trim() : arg.trim();
    }

    /** The pid of the one jnatsd running here; the reference uses pgrep the same way. */
    private static String onlyRunningServer() {
        long self = ProcessHandle.current().pid();
        List<Long> pids = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().map(c -> c.contains("io.jnatsd.Main")).orElse(false))
                .map(ProcessHandle::pid).toList();
        if (pids.isEmpty()) {
            throw new IllegalStateException("no " + PROCESS_NAME + " processes running");
        }
        if (pids.size() > 1) {
            StringBuilder sb = new StringBuilder("multiple " + PROCESS_NAME + " processes running:");
            pids.forEach(p -> sb.append('\n').append(p));
            throw new IllegalStateException(sb.toString());
        }
        return Long.toString(pids.get(0));
    }

    private static int fail(String message) {
        System.err.println(PROCESS_NAME + ": " + message);
        return 1;
    }
}

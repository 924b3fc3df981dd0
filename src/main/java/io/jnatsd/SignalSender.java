package io.jnatsd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Twin of {@code ProcessSignal} in {@code server/signal.go}: {@code --signal cmd[=pid|=pidfile]}
 * sends the matching Unix signal to a running server.
 */
final class SignalSender {

    private SignalSender() {
    }

    /** Returns the exit code: 0 when sent. */
    static int send(String spec) {
        int eq = spec.indexOf('=');
        String command = eq < 0 ? spec : spec.substring(0, eq);
        String target = eq < 0 ? null : spec.substring(eq + 1);
        String signal = switch (command) {
            case "ldm" -> "USR2";
            case "stop", "term" -> "TERM";
            case "quit" -> "INT";
            case "reopen" -> "USR1";
            case "reload" -> "HUP";
            case "kill" -> "KILL";
            default -> null;
        };
        if (signal == null) {
            System.err.println("nats-server: unknown signal \"" + command + "\"");
            return 1;
        }
        if (target == null) {
            System.err.println("nats-server: a pid is required: --signal " + command + "=<pid or pid file>");
            return 1;
        }
        try {
            String pid = target.chars().allMatch(Character::isDigit) ? target : Files.readString(Path.of(target)).trim();
            Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
            return kill.waitFor() == 0 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("nats-server: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}

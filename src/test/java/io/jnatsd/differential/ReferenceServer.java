package io.jnatsd.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go reference server ({@code /usr/sbin/nats-server}) run as a subprocess on a random
 * loopback port. Its log is read to learn the port and to know when it is ready.
 */
final class ReferenceServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nats-server");

    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on [^:]+:(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 15;

    private static final Pattern VERSION = Pattern.compile("v(\\d+\\.\\d+\\.\\d+\\S*)");

    private final Process process;
    private final int port;
    private final String version;

    private ReferenceServer(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /** Starts the reference; fails (never skips) when the binary is missing. */
    static ReferenceServer start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /** Starts the reference with {@code extraArgs} after the listen flags (e.g. {@code --user a --pass b}). */
    static ReferenceServer start(List<String> extraArgs) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the differential tests need the Go reference"
                    + " (apt-get install -y nats-server)");
        }
        String version = readVersion();
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-a", "127.0.0.1", "-p", "-1"));
        command.addAll(extraArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLog(p, ready), "nats-server-log");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ReferenceServer(p, ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), version);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("nats-server did not start", e);
        }
    }

    /** What {@code nats-server --version} prints, e.g. {@code 2.9.10}. */
    private static String readVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the version of " + BINARY + " from: " + out);
        }
        return m.group(1);
    }

    /** Learns the port, completes {@code ready} at "Server is ready", then drains the log. */
    private static void readLog(Process p, CompletableFuture<Integer> ready) {
        int port = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
                if (line.contains("Server is ready") && port > 0) {
                    ready.complete(port);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("nats-server exited before it was ready"));
    }

    int port() {
        return port;
    }

    /** Sends SIGHUP: the reference reloads its {@code -c} file. */
    void reload() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        if (!kill.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("could not send SIGHUP to nats-server " + process.pid());
        }
    }

    String version() {
        return version;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}

package io.jnatsd.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go reference ({@code /usr/sbin/nats-server}) with monitoring on, both ports random;
 * its log tells the ports. Fails, never skips, when the binary is missing.
 */
final class ReferenceMonitor implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nats-server");
    private static final Pattern CLIENT = Pattern.compile("Listening for client connections on [^:]+:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("Starting http monitor on [^:]+:(\\d+)");

    private final Process process;
    final int clientPort;
    final int httpPort;

    private ReferenceMonitor(Process process, int[] ports) {
        this.process = process;
        this.clientPort = ports[0];
        this.httpPort = ports[1];
    }

    static ReferenceMonitor start() throws IOException, InterruptedException {
        return start(java.util.List.of());
    }

    /** Starts it with {@code extraArgs} after the ports, such as {@code -js -sd <dir>}. */
    static ReferenceMonitor start(java.util.List<String> extraArgs) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the monitoring differential test needs the Go"
                    + " reference (apt-get install -y nats-server)");
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(BINARY.toString(), "-a", "127.0.0.1",
                "-p", "-1", "-m", "-1"));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<int[]> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLog(p, ready), "nats-server-monitor-log");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ReferenceMonitor(p, ready.get(15, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("nats-server did not start", e);
        }
    }

    private static void readLog(Process p, CompletableFuture<int[]> ready) {
        int[] ports = {-1, -1};
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher c = CLIENT.matcher(line);
                if (c.find()) {
                    ports[0] = Integer.parseInt(c.group(1));
                }
                Matcher h = HTTP.matcher(line);
                if (h.find()) {
                    ports[1] = Integer.parseInt(h.group(1));
                }
                if (line.contains("Server is ready") && ports[0] > 0 && ports[1] > 0) {
                    ready.complete(ports);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("nats-server exited before it was ready"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}

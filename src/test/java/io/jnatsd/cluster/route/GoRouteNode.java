package io.jnatsd.cluster.route;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go reference ({@code /usr/sbin/nats-server}, 2.9.10) as a cluster node in a child process
 * on loopback, with random client, route and monitoring ports read from its log.
 */
final class GoRouteNode implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nats-server");
    private static final Pattern CLIENT = Pattern.compile("Listening for client connections on [^ ]+:(\\d+)");
    private static final Pattern ROUTE = Pattern.compile("Listening for route connections on [^ ]+:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("Starting http monitor on [^ ]+:(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 15;

    private final Process process;
    private final int clientPort;
    private final int routePort;
    private final int httpPort;
    private final List<String> log;

    private GoRouteNode(Process process, int[] ports, List<String> log) {
        this.process = process;
        this.clientPort = ports[0];
        this.routePort = ports[1];
        this.httpPort = ports[2];
        this.log = log;
    }

    static GoRouteNode start(String clusterName, List<URI> routes) throws Exception {
        return start(clusterName, routes, null);
    }

    /** As {@link #start(String, List)}, reading {@code configFile} ({@code -c}) first when not null. */
    static GoRouteNode start(String clusterName, List<URI> routes, Path configFile) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install -y nats-server");
        }
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-a", "127.0.0.1", "-p", "-1", "-m", "-1",
                "--cluster", "nats://127.0.0.1:-1", "--cluster_name", clusterName));
        if (configFile != null) {
            cmd.add("-c");
            cmd.add(configFile.toString());
        }
        if (!routes.isEmpty()) {
            cmd.add("--routes");
            cmd.add(String.join(",", routes.stream().map(URI::toString).toList()));
        }
        return spawn(cmd);
    }

    /** A node whose cluster block (listen on a random port, TLS, ...) comes from the conf file {@code conf}. */
    static GoRouteNode startWithConf(Path conf) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install -y nats-server");
        }
        return spawn(List.of(BINARY.toString(), "-a", "127.0.0.1", "-p", "-1", "-m", "-1", "-c", conf.toString()));
    }

    private static GoRouteNode spawn(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<int[]> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(p, log, ready), "nats-server-route-log");
        reader.setDaemon(true);
        reader.start();
        try {
            return new GoRouteNode(p, ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("nats-server did not start: " + log, e);
        }
    }

    private static void read(Process p, List<String> log, CompletableFuture<int[]> ready) {
        int[] ports = new int[3];
        boolean serverReady = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.add(line);
                find(CLIENT, line, ports, 0);
                find(ROUTE, line, ports, 1);
                find(HTTP, line, ports, 2);
                if (line.contains("Server is ready")) {
                    serverReady = true;
                }
                if (serverReady && ports[0] > 0 && ports[1] > 0 && ports[2] > 0) {
                    ready.complete(ports);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("nats-server exited"));
    }

    private static void find(Pattern pattern, String line, int[] ports, int index) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
            ports[index] = Integer.parseInt(m.group(1));
        }
    }

    String clientUrl() {
        return "nats://127.0.0.1:" + clientPort;
    }

    URI routeUrl() {
        return URI.create("nats-route://127.0.0.1:" + routePort);
    }

    /** The reference's /routez as JSON text. */
    String routez() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/routez?subs=1")).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    List<String> log() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

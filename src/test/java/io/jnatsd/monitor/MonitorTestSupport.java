package io.jnatsd.monitor;

import io.jnatsd.testing.CheckFor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A jnatsd with monitoring on random ports, an HTTP client for it, and raw protocol clients. */
final class MonitorTestSupport implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final NatsServer server;
    final int httpPort;

    private MonitorTestSupport(NatsServer server) {
        this.server = server;
        this.httpPort = server.module(HttpMonitor.class).orElseThrow().port();
    }

    /** Wraps a started server whose options turned monitoring on; closing it shuts the server down. */
    static MonitorTestSupport of(NatsServer server) {
        return new MonitorTestSupport(server);
    }

    static MonitorTestSupport start() throws InterruptedException {
        return start(ServerOptions.builder());
    }

    /**
     * Starts a server without a system account, so that the counts the tests assert are those
     * of their own clients (the system account's internal subscriptions would add to them, as
     * in the reference); the system account is tested in {@code SystemEventsTest}.
     */
    static MonitorTestSupport start(ServerOptions.Builder options) throws InterruptedException {
        options.accounts(new io.jnatsd.account.AccountsOptions(java.util.List.of(), java.util.Map.of(),
                java.util.Map.of(), null, true, java.util.List.of()));
        NatsServer s = new NatsServer(options.host("127.0.0.1").port(ServerOptions.RANDOM_PORT)
                .httpHost("127.0.0.1").httpPort(ServerOptions.RANDOM_PORT).build()).start();
        return new MonitorTestSupport(s);
    }

    String natsUrl() {
        return "nats://127.0.0.1:" + server.clientPort();
    }

    /** A jnats client, patient enough for a loaded machine. */
    io.nats.client.Connection connect() throws IOException, InterruptedException {
        return io.nats.client.Nats.connect(new io.nats.client.Options.Builder().server(natsUrl())
                .connectionTimeout(Duration.ofSeconds(10)).build());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(httpPort, pathAndQuery);
    }

    static HttpResponse<String> get(int port, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a JSON endpoint, checks it answered 200, and parses it. */
    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Polls {@code condition} until it holds, bounded by {@link CheckFor}'s timeout. */
    static void await(BooleanSupplier condition, String what) {
        CheckFor.checkFor(() -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("still waiting for " + what);
            }
        });
    }

    /** A raw protocol client: sends lines, and PING/PONG to know the server has read them. */
    final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        RawClient(String connectJson) throws IOException {
            socket = new Socket("127.0.0.1", server.clientPort());
            socket.setSoTimeout(5000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            send("CONNECT " + connectJson + "\r\n");
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends PING and reads until PONG, so everything before it has been processed. */
        String sync() throws IOException {
            send("PING\r\n");
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("PONG\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before PONG; saw: " + seen);
                }
                seen.append((char) b);
            }
            return seen.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    RawClient client(String connectJson) throws IOException {
        return new RawClient(connectJson);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}

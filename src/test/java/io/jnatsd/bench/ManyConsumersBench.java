package io.jnatsd.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publish rate of a stream with many idle consumers: creates a stream, {@code consumers} durable pull consumers on
 * it (nobody pulls), then publishes {@code msgs} messages of 128 bytes with JetStream async publish (at most 256
 * acks in flight) and prints the rate. Works against any server (jnatsd or nats-server);
 * {@code src/test/bench/many-consumers.sh} runs it for 1 and 10,000 consumers on both, alternating.
 *
 * <p>Usage: {@code ManyConsumersBench <url> <consumers> [msgs=100000] [storage=memory|file]}
 */
public final class ManyConsumersBench {
    private static final String STREAM = "MANY";
    private static final int WINDOW = 256;
    private static final int CREATE_WINDOW = 128;

    private ManyConsumersBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int consumers = Integer.parseInt(args[1]);
        int msgs = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        StorageType storage = args.length > 3 && args[3].equals("file") ? StorageType.File : StorageType.Memory;
        Options o = new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(10))
            .maxMessagesInOutgoingQueue(1_000_000).build();
        try (Connection nc = Nats.connect(o)) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects("many.>").storageType(storage).build());
            long c0 = System.nanoTime();
            createConsumers(nc, consumers);
            double createSecs = (System.nanoTime() - c0) / 1e9;
            long have = jsm.getStreamInfo(STREAM).getStreamState().getConsumerCount();
            if (have != consumers) {
                throw new IllegalStateException("consumer_count " + have + ", expected " + consumers);
            }
            JetStream js = nc.jetStream();
            publish(js, Math.min(msgs, 5_000)); // warm-up, untimed
            long t0 = System.nanoTime();
            publish(js, msgs);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("RESULT consumers=%d msgs=%d storage=%s secs=%.3f msgs_per_sec=%.0f create_secs=%.1f%n",
                consumers, msgs, storage, secs, msgs / secs, createSecs);
            jsm.deleteStream(STREAM);
        }
    }

    private static void createConsumers(Connection nc, int n) throws Exception {
        Semaphore window = new Semaphore(CREATE_WINDOW);
        List<CompletableFuture<Message>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "c" + i;
            String body = "{\"stream_name\":\"" + STREAM + "\",\"config\":{\"durable_name\":\"" + name
                + "\",\"ack_policy\":\"explicit\",\"deliver_policy\":\"all\"}}";
            window.acquire();
            CompletableFuture<Message> f = nc.requestWithTimeout("$JS.API.CONSUMER.DURABLE.CREATE." + STREAM + "."
                + name, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
            f.whenComplete((m, e) -> window.release());
            out.add(f);
        }
        for (CompletableFuture<Message> f : out) {
            String r = new String(f.get(60, TimeUnit.SECONDS).getData(), StandardCharsets.UTF_8);
            if (r.contains("\"error\"")) {
                throw new IllegalStateException("consumer create: " + r);
            }
        }
    }

    private static void publish(JetStream js, int n) throws Exception {
        byte[] payload = new byte[128];
        Semaphore window = new Semaphore(WINDOW);
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            window.acquire();
            CompletableFuture<PublishAck> f = js.publishAsync("many.x", payload);
            f.whenComplete((a, e) -> window.release());
            acks.add(f);
        }
        for (CompletableFuture<PublishAck> f : acks) {
            f.get(60, TimeUnit.SECONDS);
        }
    }
}

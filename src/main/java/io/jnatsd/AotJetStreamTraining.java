package io.jnatsd;

import io.jnatsd.embed.JnatsdServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JetStream phase of the AOT training: on an embedded server with a file store, rounds of a new stream filled
 * by publishes that wait for their acks, then drained by the consumers clients make most: push with flow control
 * and heartbeats (explicit acks, then none), and pull in batches with a subject filter (acks none, all, explicit).
 * Stream and consumer info are asked for as clients do, and the stream is deleted at the end of each round. A round's
 * stream is larger than a block, so blocks are sealed, indexed and read back.
 *
 * <p>Why: without it the cache holds none of JetStream's classes, lambdas or method profiles. A fresh server then
 * spent most of its compiler time in its first JetStream load on loading and linking some 150 classes and generating
 * lambda classes, and its consume path reached C2 only in the load's second run. With it the JIT starts from the
 * training's profiles, which are most of the gain (docs/benchmarks.md, twelfth session). Several rounds, so that the
 * branches a new stream's first message and a new consumer's first delivery take are in the profiles too.
 */
final class AotJetStreamTraining {

    static final int ROUNDS = 3;
    /** Enough for a stream of more than one block, so that blocks are sealed, indexed and read back. */
    static final int MESSAGES = 60_000;
    private static final int PUBLISH_WINDOW = 1_000;
    private static final int PULL_BATCH = 500;
    private static final byte[] ACK = "+ACK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];
    private static final String API_REPLY = "_INBOX.aot.api";

    /** What a run did, for the test that keeps the training honest. */
    record Counts(long published, long pushed, long pulled) {
    }

    private final int rounds;
    private final int messages;
    private final byte[] payload = new byte[128];
    private long published;
    private long pushed;
    private long pulled;

    AotJetStreamTraining(int rounds, int messages) {
        this.rounds = rounds;
        this.messages = messages;
        Arrays.fill(payload, (byte) 'x');
    }

    /** Runs every round against a fresh embedded server. */
    Counts run() throws IOException {
        try (JnatsdServer server = JnatsdServer.builder().jetStream(true).start();
             TrainingClient control = TrainingClient.connect(server.port());
             TrainingClient consumer = TrainingClient.connect(server.port())) {
            control.write("SUB _INBOX.aot.> 1\r\n");
            for (int r = 1; r <= rounds; r++) {
                round(control, consumer, "AOT" + r, "aot.js." + r);
            }
        }
        return new Counts(published, pushed, pulled);
    }

    private void round(TrainingClient control, TrainingClient consumer, String stream, String subject)
            throws IOException {
        request(control, "$JS.API.STREAM.CREATE." + stream, "{\"name\":\"" + stream + "\",\"subjects\":[\"" + subject
                + "\"],\"storage\":\"file\",\"retention\":\"limits\",\"num_replicas\":1}");
        publish(control, subject);
        request(control, "$JS.API.STREAM.INFO." + stream, "");
        push(control, consumer, stream, "PUSHX", "explicit");
        push(control, consumer, stream, "PUSHN", "none");
        pull(control, consumer, stream, subject, "PULLN", "none");
        pull(control, consumer, stream, subject, "PULLA", "all");
        pull(control, consumer, stream, subject, "PULLX", "explicit");
        request(control, "$JS.API.STREAM.DELETE." + stream, "");
    }

    /** Publishes with an ack reply each, at most {@link #PUBLISH_WINDOW} unanswered. */
    private void publish(TrainingClient control, String subject) throws IOException {
        int sent = 0;
        int acked = 0;
        while (acked < messages) {
            while (sent < messages && sent - acked < PUBLISH_WINDOW) {
                control.publish(subject, "_INBOX.aot.ack." + sent, payload);
                sent++;
            }
            TrainingClient.Msg ack = control.next();
            if (ack.text().contains("\"error\"")) {
                throw new IOException("publish: " + ack.text());
            }
            acked++;
        }
        published += acked;
    }

    /** A push consumer read to the end of the stream, answering flow control and acking as its policy says. */
    private void push(TrainingClient control, TrainingClient consumer, String stream, String name, String ackPolicy)
            throws IOException {
        String deliver = "aot.deliver." + stream + "." + name;
        request(control, "$JS.API.CONSUMER.CREATE." + stream + "." + name, "{\"stream_name\":\"" + stream
                + "\",\"config\":{\"durable_name\":\"" + name + "\",\"deliver_subject\":\"" + deliver
                + "\",\"deliver_policy\":\"all\",\"ack_policy\":\"" + ackPolicy + "\","
                + (ackPolicy.equals("none") ? "" : "\"max_ack_pending\":10000,")
                + "\"flow_control\":true,\"idle_heartbeat\":1000000000}}");
        consumer.write("SUB " + deliver + " 1\r\n");
        int got = 0;
        while (got < messages) {
            TrainingClient.Msg m = consumer.next();
            if (m.isStatus()) {
                if (m.headerText().contains("FlowControl")) {
                    consumer.publish(m.reply(), null, EMPTY);
                }
                continue;
            }
            got++;
            if (!ackPolicy.equals("none")) {
                consumer.publish(m.reply(), null, ACK);
            }
        }
        consumer.write("UNSUB 1\r\n");
        consumer.flush();
        request(control, "$JS.API.CONSUMER.INFO." + stream + "." + name, "");
        pushed += got;
    }

    /** A pull consumer with a subject filter, fetched in batches to the end of the stream. */
    private void pull(TrainingClient control, TrainingClient consumer, String stream, String subject, String name,
                      String ackPolicy) throws IOException {
        String inbox = "aot.pull." + stream + "." + name;
        request(control, "$JS.API.CONSUMER.CREATE." + stream + "." + name + "." + subject, "{\"stream_name\":\""
                + stream + "\",\"config\":{\"durable_name\":\"" + name + "\",\"deliver_policy\":\"all\","
                + "\"ack_policy\":\"" + ackPolicy + "\",\"filter_subject\":\"" + subject + "\"}}");
        consumer.write("SUB " + inbox + " 2\r\n");
        int got = 0;
        while (got < messages) {
            int want = Math.min(PULL_BATCH, messages - got);
            consumer.publish("$JS.API.CONSUMER.MSG.NEXT." + stream + "." + name, inbox,
                    ("{\"batch\":" + want + ",\"expires\":5000000000}").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < want; i++) {
                TrainingClient.Msg m = consumer.next();
                if (m.isStatus()) {
                    throw new IOException("pull " + name + ": " + m.headerText().strip());
                }
                got++;
                if (ackPolicy.equals("explicit") || (ackPolicy.equals("all") && i == want - 1)) {
                    consumer.publish(m.reply(), null, ACK);
                }
            }
        }
        consumer.write("UNSUB 2\r\n");
        consumer.flush();
        request(control, "$JS.API.CONSUMER.INFO." + stream + "." + name, "");
        pulled += got;
    }

    /** An API request on the control connection; its reply is the next message there. */
    private static void request(TrainingClient control, String subject, String body) throws IOException {
        control.publish(subject, API_REPLY, body.getBytes(StandardCharsets.UTF_8));
        TrainingClient.Msg reply = control.next();
        if (!reply.subject().equals(API_REPLY) || reply.text().contains("\"error\"")) {
            throw new IOException(subject + ": " + reply.text());
        }
    }
}

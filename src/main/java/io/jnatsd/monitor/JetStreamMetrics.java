package io.jnatsd.monitor;

import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.jetstream.consumer.Consumer;
import io.jnatsd.jetstream.consumer.ConsumerInfo;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.server.NatsServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The JetStream families of /metrics, named as prometheus-nats-exporter names what it reads
 * from /jsz and /varz: {@code jetstream_server_*} (totals and limits),
 * {@code gnatsd_varz_jetstream_*} (usage and API counters), {@code jetstream_account_*},
 * {@code jetstream_stream_*} (one sample per stream, labelled {@code account} and
 * {@code stream_name}) and {@code jetstream_consumer_*} (one per consumer, with
 * {@code consumer_name}); plus the store write-time histogram
 * {@code jnatsd_jetstream_store_write_seconds}. Without JetStream only
 * {@code jetstream_server_jetstream_disabled 1} is written. Stateless.
 */
final class JetStreamMetrics {

    private record AccountRow(String labels, AccountStreams account) {
    }

    private record StreamRow(String labels, Stream stream, StreamState state) {
    }

    private record ConsumerRow(String labels, ConsumerInfo info) {
    }

    private record Family<T>(String name, String help, ToDoubleFunction<T> value) {
    }

    private static final List<Family<AccountRow>> ACCOUNT_FAMILIES = List.of(
            new Family<>("jetstream_account_memory_used", "Bytes held by the account's memory streams",
                    r -> r.account().memoryBytesUsed()),
            new Family<>("jetstream_account_storage_used", "Bytes held by the account's file streams",
                    r -> r.account().fileBytesUsed()),
            new Family<>("jetstream_account_max_memory", "The account's memory limit in bytes",
                    r -> JetStreamView.UNLIMITED.doubleValue()),
            new Family<>("jetstream_account_max_storage", "The account's storage limit in bytes",
                    r -> JetStreamView.UNLIMITED.doubleValue()));

    private static final List<Family<StreamRow>> STREAM_FAMILIES = List.of(
            new Family<>("jetstream_stream_total_messages", "Messages in the stream", r -> r.state().msgs()),
            new Family<>("jetstream_stream_total_bytes", "Bytes in the stream", r -> r.state().bytes()),
            new Family<>("jetstream_stream_first_seq", "First sequence in the stream", r -> r.state().firstSeq()),
            new Family<>("jetstream_stream_last_seq", "Last sequence in the stream", r -> r.state().lastSeq()),
            new Family<>("jetstream_stream_consumer_count", "Consumers of the stream", r -> r.state().consumers()),
            new Family<>("jetstream_stream_subject_count", "Subjects in the stream", r -> r.state().numSubjects()),
            new Family<>("jetstream_stream_limit_bytes", "The stream's max_bytes, -1 for none",
                    r -> r.stream().config().maxBytes()),
            new Family<>("jetstream_stream_limit_messages", "The stream's max_msgs, -1 for none",
                    r -> r.stream().config().maxMsgs()),
            new Family<>("jnatsd_jetstream_stream_ingest_pending", "Published messages waiting to be stored",
                    r -> r.stream().pendingIngest()));

    private static final List<Family<ConsumerRow>> CONSUMER_FAMILIES = List.of(
            new Family<>("jetstream_consumer_num_pending", "Messages left to deliver", r -> r.info().numPending()),
            new Family<>("jetstream_consumer_num_ack_pending", "Messages delivered and not acked yet",
                    r -> r.info().numAckPending()),
            new Family<>("jetstream_consumer_num_redelivered", "Messages delivered more than once",
                    r -> r.info().numRedelivered()),
            new Family<>("jetstream_consumer_num_waiting", "Waiting pull requests", r -> r.info().numWaiting()),
            new Family<>("jetstream_consumer_delivered_consumer_seq", "Last delivered consumer sequence",
                    r -> r.info().delivered().consumerSeq()),
            new Family<>("jetstream_consumer_delivered_stream_seq", "Last delivered stream sequence",
                    r -> r.info().delivered().streamSeq()),
            new Family<>("jetstream_consumer_ack_floor_consumer_seq", "Ack floor consumer sequence",
                    r -> r.info().ackFloor().consumerSeq()),
            new Family<>("jetstream_consumer_ack_floor_stream_seq", "Ack floor stream sequence",
                    r -> r.info().ackFloor().streamSeq()));

    private JetStreamMetrics() {
    }

    static void render(MetricsText out, NatsServer server) {
        Optional<JetStreamModule> js = server.module(JetStreamModule.class);
        String id = server.serverId();
        String serverLabels = MetricsText.labels("server_id", id);
        out.family(serverLabels, "jetstream_server_jetstream_disabled", "1 when JetStream is not running", "gauge",
                js.isEmpty() || js.get().engine() == null ? 1 : 0);
        if (js.isEmpty() || js.get().engine() == null) {
            return;
        }
        JetStreamView view = new JetStreamView(js.get());
        Jsz jsz = Jsz.collect(id, view, new JszOptions("", false, false, false, false, false, 0, 0));
        long maxMemory = ((Number) jsz.config().get("max_memory")).longValue();
        long maxStorage = ((Number) jsz.config().get("max_storage")).longValue();
        server(out, serverLabels, jsz, maxMemory, maxStorage);
        List<AccountRow> accounts = new ArrayList<>();
        List<StreamRow> streams = new ArrayList<>();
        List<ConsumerRow> consumers = new ArrayList<>();
        for (AccountStreams a : view.accounts()) {
            String acc = a.account().name();
            accounts.add(new AccountRow(MetricsText.labels("server_id", id, "account", acc, "account_name", acc),
                    a));
            for (Stream s : a.streams()) {
                streams.add(new StreamRow(MetricsText.labels("server_id", id, "account", acc, "stream_name",
                        s.name(), "storage_type", s.config().isMemory() ? "memory" : "file"), s, s.state()));
                for (Consumer c : JetStreamView.consumersOf(s)) {
                    consumers.add(new ConsumerRow(MetricsText.labels("server_id", id, "account", acc, "stream_name",
                            s.name(), "consumer_name", c.name()), c.info()));
                }
            }
        }
        rows(out, ACCOUNT_FAMILIES, accounts, AccountRow::labels);
        rows(out, STREAM_FAMILIES, streams, StreamRow::labels);
        rows(out, CONSUMER_FAMILIES, consumers, ConsumerRow::labels);
        out.histogram(id, "jnatsd_jetstream_store_write_seconds",
                "Time a stream's store takes to append one published message", view.module().engine()
                        .storeWriteLatency());
    }

    private static void server(MetricsText out, String labels, Jsz jsz, long maxMemory, long maxStorage) {
        gauge(out, labels, "jetstream_server_total_streams", "Streams in every account", jsz.streams());
        gauge(out, labels, "jetstream_server_total_consumers", "Consumers of every stream", jsz.consumers());
        gauge(out, labels, "jetstream_server_total_messages", "Messages in every stream", jsz.messages());
        gauge(out, labels, "jetstream_server_total_message_bytes", "Bytes in every stream", jsz.bytes());
        gauge(out, labels, "jetstream_server_max_memory", "Memory storage limit in bytes", maxMemory);
        gauge(out, labels, "jetstream_server_max_storage", "File storage limit in bytes", maxStorage);
        gauge(out, labels, "gnatsd_varz_jetstream_config_max_memory", "Memory storage limit in bytes", maxMemory);
        gauge(out, labels, "gnatsd_varz_jetstream_config_max_storage", "File storage limit in bytes", maxStorage);
        gauge(out, labels, "gnatsd_varz_jetstream_stats_memory", "Bytes held by memory streams", jsz.memory());
        gauge(out, labels, "gnatsd_varz_jetstream_stats_storage", "Bytes held by file streams", jsz.storage());
        gauge(out, labels, "gnatsd_varz_jetstream_stats_reserved_memory", "Bytes memory streams reserve",
                jsz.reservedMemory());
        gauge(out, labels, "gnatsd_varz_jetstream_stats_reserved_storage", "Bytes file streams reserve",
                jsz.reservedStorage());
        gauge(out, labels, "gnatsd_varz_jetstream_stats_accounts", "JetStream-enabled accounts", jsz.accounts());
        gauge(out, labels, "gnatsd_varz_jetstream_stats_api_total", "$JS.API requests handled", jsz.api().total());
        gauge(out, labels, "gnatsd_varz_jetstream_stats_api_errors", "$JS.API requests answered with an error",
                jsz.api().errors());
    }

    private static void gauge(MetricsText out, String labels, String name, String help, double value) {
        out.family(labels, name, help, "gauge", value);
    }

    private static <T> void rows(MetricsText out, List<Family<T>> families, List<T> rows,
                                 java.util.function.Function<T, String> labels) {
        if (rows.isEmpty()) {
            return;
        }
        for (Family<T> f : families) {
            out.header(f.name(), f.help(), "gauge");
            for (T r : rows) {
                out.sample(f.name(), labels.apply(r), f.value().applyAsDouble(r), false);
            }
        }
    }
}

package io.jnatsd.jetstream.limits;

import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.AccountLimits;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Per-account JetStream over the wire with jnats: an account with {@code jetstream} limits, one without, and the
 * global account when other accounts exist, as the reference serves them.
 */
@Timeout(30)
class AccountJetStreamLimitsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    static final String CONF = """
        authorization { users [ { user: g, password: g } ] }
        accounts {
          A {
            users [ { user: a, password: a } ]
            jetstream { max_streams: 2, max_store: 4KB, max_mem: 1MB, max_consumers: 2, max_ack_pending: 50 }
          }
          B { users [ { user: b, password: b } ] }
          C { users [ { user: c, password: c } ], jetstream: enabled }
          D {
            users [ { user: d, password: d } ]
            jetstream { max_bytes_required: true, store_max_stream_bytes: 1000 }
          }
        }
        """;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path storeDir;
    private NatsServer server;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
        if (storeDir != null) {
            JetStreamDirs.deleteTree(storeDir);
        }
    }

    private NatsServer start(String conf) throws Exception {
        storeDir = JetStreamDirs.newStoreDir();
        ServerOptions.Builder b = TestServers.baseOptions();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        server = TestServers.start(b.jetStream(true).storeDir(storeDir).build());
        return server;
    }

    private Connection connect(String user) throws Exception {
        Connection nc = Nats.connect(TestServers.clientOptions(server).userInfo(user, user).build());
        toClose.add(nc);
        return nc;
    }

    private static StreamConfiguration stream(String name, String subject) {
        return StreamConfiguration.builder().name(name).subjects(subject).build();
    }

    private static int errCode(ThrowingCall call) {
        try {
            call.run();
        } catch (JetStreamApiException e) {
            return e.getApiErrorCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected an API error");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void shouldCreateStreamsUpToMaxStreams_whenAccountHasLimits() throws Exception {
        start(CONF);
        JetStreamManagement jsm = connect("a").jetStreamManagement();
        jsm.addStream(stream("S1", "s1"));
        jsm.addStream(stream("S2", "s2"));
        assertThat(jsm.addStream(stream("S2", "s2")).getConfiguration().getName()).isEqualTo("S2");
        JetStreamApiException e = (JetStreamApiException) org.assertj.core.api.Assertions.catchThrowable(
            () -> jsm.addStream(stream("S3", "s3")));
        assertThat(e.getApiErrorCode()).isEqualTo(10027);
        assertThat(e.getErrorCode()).isEqualTo(400);
        assertThat(e.getErrorDescription()).isEqualTo("maximum number of streams reached");
        jsm.deleteStream("S1");
        jsm.addStream(stream("S3", "s3"));
    }

    @Test
    void shouldAnswerNotEnabledForAccount_whenAccountHasNoJetStream() throws Exception {
        start(CONF);
        for (String user : List.of("b", "g")) {
            JetStreamManagement jsm = connect(user).jetStreamManagement();
            JetStreamApiException e = (JetStreamApiException) org.assertj.core.api.Assertions.catchThrowable(
                jsm::getAccountStatistics);
            assertThat(e.getApiErrorCode()).as(user).isEqualTo(10039);
            assertThat(e.getErrorCode()).isEqualTo(503);
            assertThat(e.getErrorDescription()).isEqualTo("JetStream not enabled for account");
            assertThat(errCode(() -> jsm.addStream(stream("X", "x")))).isEqualTo(10039);
        }
    }

    @Test
    void shouldReportAccountLimits_whenInfoAsked() throws Exception {
        start(CONF);
        AccountStatistics st = connect("a").jetStreamManagement().getAccountStatistics();
        AccountLimits l = st.getLimits();
        assertThat(l.getMaxStreams()).isEqualTo(2);
        assertThat(l.getMaxStorage()).isEqualTo(4096);
        assertThat(l.getMaxMemory()).isEqualTo(1024 * 1024);
        assertThat(l.getMaxConsumers()).isEqualTo(2);
        assertThat(l.getMaxAckPending()).isEqualTo(50);
        assertThat(l.getStorageMaxStreamBytes()).isEqualTo(-1);
        assertThat(st.getTiers()).isEmpty();
        AccountLimits unlimited = connect("c").jetStreamManagement().getAccountStatistics().getLimits();
        assertThat(unlimited.getMaxStreams()).isEqualTo(-1);
        assertThat(unlimited.getMaxStorage()).isEqualTo(-1);
    }

    @Test
    void shouldRefusePublish_whenAccountStoreIsFull() throws Exception {
        start(CONF);
        Connection nc = connect("a");
        nc.jetStreamManagement().addStream(stream("F", "f"));
        byte[] body = new byte[1000];
        int stored = 0;
        String error = null;
        for (int i = 0; i < 10 && error == null; i++) {
            Message reply = nc.request("f", body, WAIT);
            String json = new String(reply.getData(), StandardCharsets.UTF_8);
            if (json.contains("\"error\"")) {
                error = json;
            } else {
                stored++;
            }
        }
        assertThat(stored).as("1031 bytes a record: three fit in 4 KiB").isEqualTo(3);
        assertThat(error).contains("\"code\":400", "\"err_code\":10002",
            "\"description\":\"resource limits exceeded for account\"", "\"stream\":\"F\"");
        assertThat(connect("a").jetStreamManagement().getAccountStatistics().getStorage())
            .isLessThanOrEqualTo(4096);
    }

    @Test
    void shouldRefuseStream_whenMaxBytesExceedsAccountStore() throws Exception {
        start(CONF);
        JetStreamManagement jsm = connect("a").jetStreamManagement();
        assertThat(errCode(() -> jsm.addStream(StreamConfiguration.builder().name("BIG").subjects("big")
            .maxBytes(5000).build()))).isEqualTo(10047);
        assertThat(errCode(() -> jsm.addStream(StreamConfiguration.builder().name("BIGM").subjects("bigm")
            .storageType(StorageType.Memory).maxBytes(2 * 1024 * 1024).build()))).isEqualTo(10028);
        jsm.addStream(StreamConfiguration.builder().name("R").subjects("r").maxBytes(3000).build());
        assertThat(errCode(() -> jsm.addStream(StreamConfiguration.builder().name("R2").subjects("r2")
            .maxBytes(2000).build()))).isEqualTo(10047);
        assertThat(errCode(() -> jsm.updateStream(StreamConfiguration.builder().name("R").subjects("r")
            .maxBytes(5000).build()))).isEqualTo(10047);
        jsm.updateStream(StreamConfiguration.builder().name("R").subjects("r").maxBytes(4000).build());
        assertThat(jsm.getAccountStatistics().getReservedStorage()).isEqualTo(4000);
        assertThat(errCode(() -> jsm.addStream(StreamConfiguration.builder().name("MC").subjects("mc")
            .maxConsumers(3).storageType(StorageType.Memory).build()))).isEqualTo(10026);
    }

    @Test
    void shouldRequireMaxBytes_whenAccountSaysSo() throws Exception {
        start(CONF);
        JetStreamManagement jsm = connect("d").jetStreamManagement();
        assertThat(errCode(() -> jsm.addStream(stream("N", "n")))).isEqualTo(10113);
        assertThat(errCode(() -> jsm.addStream(StreamConfiguration.builder().name("N").subjects("n")
            .maxBytes(2000).build()))).isEqualTo(10122);
        jsm.addStream(StreamConfiguration.builder().name("N").subjects("n").maxBytes(1000).build());
    }

    @Test
    void shouldLimitConsumers_whenAccountHasMaxConsumersAndMaxAckPending() throws Exception {
        start(CONF);
        JetStreamManagement jsm = connect("a").jetStreamManagement();
        jsm.addStream(stream("S", "s"));
        ConsumerConfiguration c1 = ConsumerConfiguration.builder().durable("c1").ackPolicy(AckPolicy.Explicit)
            .build();
        assertThat(jsm.addOrUpdateConsumer("S", c1).getConsumerConfiguration().getMaxAckPending()).isEqualTo(50);
        assertThat(errCode(() -> jsm.addOrUpdateConsumer("S", ConsumerConfiguration.builder().durable("c2")
            .ackPolicy(AckPolicy.Explicit).maxAckPending(51).build()))).isEqualTo(10121);
        jsm.addOrUpdateConsumer("S", ConsumerConfiguration.builder().durable("c2").build());
        JetStreamApiException e = (JetStreamApiException) org.assertj.core.api.Assertions.catchThrowable(
            () -> jsm.addOrUpdateConsumer("S", ConsumerConfiguration.builder().durable("c3").build()));
        assertThat(e.getApiErrorCode()).isEqualTo(10026);
        assertThat(e.getErrorDescription()).isEqualTo("maximum consumers limit reached");
        assertThatThrownBy(() -> jsm.addOrUpdateConsumer("S", ConsumerConfiguration.builder().durable("c4")
            .build())).isInstanceOf(JetStreamApiException.class);
    }

    @Test
    void shouldIsolateStreams_whenTwoAccountsUseTheSameName() throws Exception {
        start(CONF);
        Connection a = connect("a");
        Connection c = connect("c");
        a.jetStreamManagement().addStream(stream("SAME", "same"));
        c.jetStreamManagement().addStream(stream("SAME", "same"));
        a.jetStream().publish("same", "from-a".getBytes(StandardCharsets.UTF_8));
        c.jetStream().publish("same", "from-c1".getBytes(StandardCharsets.UTF_8));
        c.jetStream().publish("same", "from-c2".getBytes(StandardCharsets.UTF_8));
        assertThat(a.jetStreamManagement().getStreamInfo("SAME").getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(c.jetStreamManagement().getStreamInfo("SAME").getStreamState().getMsgCount()).isEqualTo(2);
        assertThat(new String(a.jetStreamManagement().getLastMessage("SAME", "same").getData(),
            StandardCharsets.UTF_8)).isEqualTo("from-a");
        a.jetStreamManagement().deleteStream("SAME");
        assertThat(c.jetStreamManagement().getStreamNames()).containsExactly("SAME");
    }

    @Test
    void shouldRefuseToStart_whenAccountLimitsExceedServerStorage() {
        assertThatThrownBy(() -> start("jetstream { max_file_store: 1MB }\n"
            + "accounts { A { jetstream { max_store: 2MB } } }"))
            .hasMessage("Can't start JetStream: Error enabling jetstream on configured accounts: "
                + "insufficient storage resources available (10047)");
    }

    @Test
    void shouldEnableGlobalAccount_whenNoOtherAccountIsConfigured() throws Exception {
        start("""
            authorization { users [ { user: g, password: g } ] }
            accounts { SYS { users [ { user: s, password: s } ] } }
            system_account: SYS
            """);
        AccountStatistics st = connect("g").jetStreamManagement().getAccountStatistics();
        assertThat(st.getLimits().getMaxStreams()).isEqualTo(-1);
        Connection sys = connect("s");
        JetStreamApiException e = (JetStreamApiException) org.assertj.core.api.Assertions.catchThrowable(
            sys.jetStreamManagement()::getAccountStatistics);
        assertThat(e.getApiErrorCode()).isEqualTo(10039);
        Message names = sys.request("$JS.API.STREAM.NAMES", new byte[0], WAIT);
        assertThat(new String(names.getData(), StandardCharsets.UTF_8)).isEqualTo(
            "{\"type\":\"io.nats.jetstream.api.v1.system_response\",\"error\":{\"code\":503,\"err_code\":10039,"
                + "\"description\":\"JetStream not enabled for account\"}}");
    }

    @Test
    void shouldAnswerEveryApiSubjectWithNotEnabled_whenAccountHasNoJetStream() throws Exception {
        start(CONF);
        Connection b = connect("b");
        Message names = b.request("$JS.API.STREAM.NAMES", new byte[0], WAIT);
        assertThat(new String(names.getData(), StandardCharsets.UTF_8)).startsWith(
            "{\"type\":\"io.nats.jetstream.api.v1.stream_names_response\",\"error\":{\"code\":503,"
                + "\"err_code\":10039,");
        Message unknown = b.request("$JS.API.NO.SUCH.THING", new byte[0], WAIT);
        assertThat(new String(unknown.getData(), StandardCharsets.UTF_8)).contains("\"err_code\":10003");
    }
}

package io.jnatsd.differential;

import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.server.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus played against the Go reference and jnatsd started from the same conf file:
 * {@code differential/permissions.txt} with {@code differential/permissions.conf} (permissions
 * and bcrypt), {@code differential/accounts.txt} with {@code differential/accounts.conf}.
 */
@Timeout(120)
class PermissionsDifferentialTest {

    private static final List<String> CORPORA = List.of("permissions", "accounts");

    private static final Map<String, Servers> SERVERS = new java.util.concurrent.ConcurrentHashMap<>();

    private record Servers(ReferenceServer reference, NatsServer jnatsd) {
    }

    @BeforeAll
    static void startServers() throws Exception {
        for (String name : CORPORA) {
            String conf = resource("/differential/" + name + ".conf");
            Path file = Files.createTempFile("jnatsd-" + name, ".conf");
            Files.writeString(file, conf);
            ReferenceServer reference = ReferenceServer.start(List.of("-c", file.toString()));
            ServerOptions.Builder b = ServerOptions.builder();
            new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
            NatsServer jnatsd = new NatsServer(b.host("127.0.0.1").port(ServerOptions.RANDOM_PORT).build()).start();
            SERVERS.put(name, new Servers(reference, jnatsd));
            warmUp(jnatsd.clientPort());
        }
    }

    /** One connection before the cases, so that the first case does not pay for class loading on a busy machine. */
    private static void warmUp(int port) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getInputStream().read();
        }
    }

    private static String resource(String path) throws Exception {
        try (InputStream in = PermissionsDifferentialTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (Servers s : SERVERS.values()) {
            s.jnatsd().shutdown();
            s.reference().close();
        }
        SERVERS.clear();
    }

    @TestFactory
    Stream<DynamicTest> shouldAnswerLikeTheReference_whenStartedFromTheSameConf() throws Exception {
        Stream<DynamicTest> all = Stream.empty();
        for (String name : CORPORA) {
            List<DifferentialCase> cases = DifferentialCorpus.load("/differential/" + name + ".txt");
            assertThat(cases).isNotEmpty().noneMatch(DifferentialCase::expectedDifference);
            all = Stream.concat(all, cases.stream().map(c -> DynamicTest.dynamicTest(name + ": " + c.name(),
                    () -> check(name, c))));
        }
        return all;
    }

    private static void check(String corpus, DifferentialCase c) throws Exception {
        Servers s = SERVERS.get(corpus);
        Map<Integer, CaseRunner.ConnectionOutcome> ours = CaseRunner.run(c, s.jnatsd().clientPort());
        Map<Integer, CaseRunner.ConnectionOutcome> theirs = CaseRunner.run(c, s.reference().port());
        for (int n = 1; n <= c.connections(); n++) {
            assertThat(ours.get(n).toString())
                    .as("case %s (%s.txt line %d), connection %d: jnatsd (actual) vs nats-server (expected)",
                            c.name(), corpus, c.line(), n)
                    .isEqualTo(theirs.get(n).toString());
        }
    }
}

package io.jnatsd.differential;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain-authentication corpus ({@code differential/auth.txt}) played against the Go
 * reference started with {@code --user a --pass b} and against jnatsd with the same single
 * user: both must send the same frames (INFO with {@code auth_required}) and close the same
 * connections.
 */
@Timeout(60)
class AuthDifferentialTest {

    static final String CORPUS = "/differential/auth.txt";

    private static ReferenceServer reference;
    private static NatsServer jnatsd;

    @BeforeAll
    static void startServers() throws Exception {
        reference = ReferenceServer.start(List.of("--user", "a", "--pass", "b"));
        jnatsd = new NatsServer(ServerOptions.builder().host("127.0.0.1").port(ServerOptions.RANDOM_PORT)
                .auth(AuthOptions.NONE.withUser("a").withPassword("b")).build()).start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (jnatsd != null) {
            jnatsd.shutdown();
        }
        if (reference != null) {
            reference.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldAnswerLikeTheReference_whenPlayingEachAuthCase() throws Exception {
        List<DifferentialCase> cases = DifferentialCorpus.load(CORPUS);
        assertThat(cases).noneMatch(DifferentialCase::expectedDifference);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(DifferentialCase c) throws Exception {
        Map<Integer, CaseRunner.ConnectionOutcome> ours = CaseRunner.run(c, jnatsd.clientPort());
        Map<Integer, CaseRunner.ConnectionOutcome> theirs = CaseRunner.run(c, reference.port());
        for (int n = 1; n <= c.connections(); n++) {
            assertThat(ours.get(n).toString())
                    .as("case %s (auth.txt line %d), connection %d: jnatsd (actual) vs nats-server (expected)",
                            c.name(), c.line(), n)
                    .isEqualTo(theirs.get(n).toString());
        }
    }
}

package io.jnatsd.differential;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The core protocol differential corpus ({@code differential/core-protocol.txt}): every case is
 * played against the Go reference ({@code /usr/sbin/nats-server}, one process for the class)
 * and against jnatsd in-process, and the two must send the same frames and close the same
 * connections. A case marked {@code diff} is a difference jnatsd keeps on purpose: jnatsd is
 * held to the frames written in the case, and the reference (when it is the release the corpus
 * was written against) must still differ, so that a stale mark is noticed.
 */
@Timeout(120)
class CoreProtocolDifferentialTest {

    static final String CORPUS = "/differential/core-protocol.txt";
    /** The reference release the corpus's expected differences were checked against (CI installs it). */
    static final String CORPUS_REFERENCE_VERSION = "2.9.10";

    private static ReferenceServer reference;
    private static NatsServer jnatsd;

    @BeforeAll
    static void startServers() throws Exception {
        reference = ReferenceServer.start();
        jnatsd = new NatsServer(ServerOptions.builder().host("127.0.0.1").port(ServerOptions.RANDOM_PORT).build())
                .start();
        warmUp(jnatsd.clientPort());
        warmUp(reference.port());
    }

    /** One round trip first, so that class loading and JIT are not charged to the first case's deadline. */
    private static void warmUp(int port) throws Exception {
        DifferentialCase ping = DifferentialCorpus.parse("case warm-up\n> CONNECT {\"verbose\":false}\\r\\n\n").get(0);
        for (int i = 0; i < 3; i++) {
            CaseRunner.run(ping, port);
        }
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
    Stream<DynamicTest> shouldAnswerLikeTheReference_whenPlayingEachCorpusCase() throws Exception {
        List<DifferentialCase> cases = DifferentialCorpus.load(CORPUS);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(DifferentialCase c) throws Exception {
        Map<Integer, CaseRunner.ConnectionOutcome> ours = CaseRunner.run(c, jnatsd.clientPort());
        Map<Integer, CaseRunner.ConnectionOutcome> theirs = CaseRunner.run(c, reference.port());
        String where = "case " + c.name() + " (core-protocol.txt line " + c.line() + ")";
        if (!c.expectedDifference()) {
            for (int n = 1; n <= c.connections(); n++) {
                assertThat(ours.get(n).toString())
                        .as("%s, connection %d: jnatsd (actual) vs nats-server (expected)", where, n)
                        .isEqualTo(theirs.get(n).toString());
            }
            return;
        }
        for (int n = 1; n <= c.connections(); n++) {
            CaseRunner.ConnectionOutcome o = ours.get(n);
            List<String> expected = c.jnatsdFrames().getOrDefault(n, List.of());
            assertThat(matches(expected, o.frames(), c.unordered()))
                    .as("%s, connection %d: jnatsd sent%n%s%nbut the case expects%n%s", where, n, o,
                            String.join("\n", expected))
                    .isTrue();
            assertThat(o.closed()).as("%s, connection %d: jnatsd closed", where, n)
                    .isEqualTo(c.jnatsdClosed().getOrDefault(n, false));
        }
        if (reference.version().equals(CORPUS_REFERENCE_VERSION) && ours.toString().equals(theirs.toString())) {
            fail(where + " is marked as an expected difference (" + c.diffReason()
                    + ") but both servers now agree: drop the mark");
        }
    }

    /** Frame by frame, with {@code INFO*} standing for any INFO. */
    private static boolean matches(List<String> expected, List<String> actual, boolean unordered) {
        List<String> want = new ArrayList<>(expected);
        List<String> got = new ArrayList<>(actual);
        if (want.size() != got.size()) {
            return false;
        }
        if (unordered) {
            want.sort(null);
            got.sort(null);
        }
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            String g = got.get(i);
            boolean anyInfo = w.equals(DifferentialCase.ANY_INFO) && g.startsWith("INFO ");
            if (!anyInfo && !w.equals(g)) {
                return false;
            }
        }
        return true;
    }
}

package io.jnatsd.differential;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The corpus reader, its escapes and the frame normaliser of the differential harness. */
@Timeout(10)
class DifferentialCorpusTest {

    @Test
    void shouldDecodeEveryEscape_whenReadingCorpusBytes() {
        assertThat(WireEscapes.decode("a\\r\\n\\t\\\\\\x00\\xff\\{3:ab}z"))
                .containsExactly('a', '\r', '\n', '\t', '\\', 0, 0xff, 'a', 'b', 'a', 'b', 'a', 'b', 'z');
        assertThat(WireEscapes.decode("été")).isEqualTo("été".getBytes(StandardCharsets.UTF_8));
        assertThat(WireEscapes.decode("\\{2:x\\r\\n}")).isEqualTo("x\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> WireEscapes.decode("\\q")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripReceivedBytes_whenEncodingThem() {
        byte[] bytes = {'M', ' ', '\r', '\n', '\t', '\\', 0, (byte) 0xfe};
        assertThat(WireEscapes.decode(WireEscapes.encode(bytes, 0, bytes.length))).isEqualTo(bytes);
    }

    @Test
    void shouldParseStepsEndAndExpectations_whenReadingACase() {
        List<DifferentialCase> cases = DifferentialCorpus.parse("""
                # comment
                case one
                > PING\\r\\n
                2> SUB foo 1\\r\\n
                sync 2
                end eof
                unordered
                diff because
                expect INFO*
                expect@2 PONG\\r\\n
                closed yes
                closed@2 no
                case two
                chunk 2
                >  lead
                """);
        assertThat(cases).hasSize(2);
        DifferentialCase one = cases.get(0);
        assertThat(one.steps()).hasSize(3);
        assertThat(one.connections()).isEqualTo(2);
        assertThat(one.end()).isEqualTo(DifferentialCase.End.EOF);
        assertThat(one.unordered()).isTrue();
        assertThat(one.diffReason()).isEqualTo("because");
        assertThat(one.jnatsdFrames().get(2)).containsExactly("PONG\\r\\n");
        assertThat(one.jnatsdClosed()).containsEntry(1, true).containsEntry(2, false);
        assertThat(((DifferentialCase.Send) cases.get(1).steps().get(0)).bytes())
                .isEqualTo(" lead".getBytes(StandardCharsets.US_ASCII));
        assertThat(((DifferentialCase.Send) cases.get(1).steps().get(0)).chunkBytes()).isEqualTo(2);
    }

    @Test
    void shouldRefuseTheCorpus_whenCaseNamesRepeatOrADiffLacksExpectations() {
        assertThatThrownBy(() -> DifferentialCorpus.parse("case a\n> x\ncase a\n> y\n"))
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> DifferentialCorpus.parse("case a\ndiff why\n> x\n"))
                .hasMessageContaining("expected frames");
        assertThatThrownBy(() -> DifferentialCorpus.parse("case a\nbogus\n")).hasMessageContaining("unknown directive");
    }

    @Test
    void shouldHoldAtLeast150Cases_whenLoadingTheCoreCorpus() throws Exception {
        List<DifferentialCase> cases = DifferentialCorpus.load(CoreProtocolDifferentialTest.CORPUS);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        assertThat(cases).filteredOn(DifferentialCase::expectedDifference)
                .allSatisfy(c -> assertThat(c.diffReason()).isNotBlank());
    }

    @Test
    void shouldKeepOnlyStableInfoValues_whenNormalisingFrames() {
        byte[] data = ("INFO {\"server_id\":\"X\",\"version\":\"2.9.10\",\"proto\":1,\"git_commit\":\"abc\","
                + "\"max_payload\":1048576} \r\nMSG foo 1 4\r\nPO\r\n\r\nPONG\r\n+OK").getBytes(StandardCharsets.UTF_8);
        assertThat(WireFrames.split(data)).containsExactly(
                "INFO {\"max_payload\":1048576,\"proto\":1,\"server_id\":*,\"version\":*}\\r\\n",
                "MSG foo 1 4\\r\\nPO\\r\\n\\r\\n",
                "PONG\\r\\n",
                "+OK");
    }

    @Test
    void shouldCountPingLinesInAnyCase_whenTheySendPings() {
        assertThat(WireSession.countPingLines("PING\r\nping x\r\nPUB a 4\r\nPING\r\n xPING\r\n"
                .getBytes(StandardCharsets.US_ASCII))).isEqualTo(3);
    }
}

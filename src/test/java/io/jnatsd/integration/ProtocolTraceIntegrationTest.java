package io.jnatsd.integration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.util.List;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** With -V every op is traced in the reference's form, and secrets in CONNECT are redacted. */
@Timeout(30)
class ProtocolTraceIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(o -> o.trace(true));

    private final Logger traceLogger = (Logger) LoggerFactory.getLogger("io.jnatsd.server.ProtocolTrace");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void captureTrace() {
        levelBefore = traceLogger.getLevel();
        traceLogger.setLevel(Level.TRACE);
        lines.start();
        traceLogger.addAppender(lines);
    }

    @AfterEach
    void releaseTrace() {
        traceLogger.detachAppender(lines);
        traceLogger.setLevel(levelBefore);
    }

    @Test
    void shouldTraceEveryOpInAndOut_withSecretsRedacted() throws Exception {
        RawNatsSocket socket = jnatsd.closeAfterTest(RawNatsSocket.open(jnatsd.port()));
        socket.handshake("{\"verbose\":false,\"user\":\"u\",\"pass\":\"s3cr3t\"}");
        socket.send("SUB foo 1\r\nPUB foo 5\r\nhello\r\nPING\r\n").readLineStartingWith("PONG");

        checkFor(() -> assertThat(messages()).anyMatch(l -> l.endsWith("->> [PONG]")));
        List<String> traced = messages();
        assertThat(traced).anyMatch(l -> l.contains("<<- [CONNECT ") && l.contains("\"pass\":\"[REDACTED]\""));
        assertThat(traced).noneMatch(l -> l.contains("s3cr3t"));
        assertThat(traced).anyMatch(l -> l.endsWith("<<- [SUB foo 1]"));
        assertThat(traced).anyMatch(l -> l.endsWith("<<- [PUB foo 5]"));
        assertThat(traced).anyMatch(l -> l.endsWith("<<- MSG_PAYLOAD: [\"hello\"]"));
        assertThat(traced).anyMatch(l -> l.endsWith("->> [MSG foo 1 5]"));
        assertThat(traced).allMatch(l -> l.contains(" - cid:"));
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}

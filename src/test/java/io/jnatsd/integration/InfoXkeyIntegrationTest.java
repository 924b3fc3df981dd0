package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.XKeys;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO carries the server's public curve key as {@code xkey}, as the reference's always does. */
@Timeout(30)
class InfoXkeyIntegrationTest {

    @Test
    void shouldSendServerCurveKeyInInfo_whenClientConnects() throws Exception {
        NatsServer server = TestServers.start();
        try (RawNatsSocket raw = RawNatsSocket.open(server.clientPort())) {
            JsonNode info = new ObjectMapper().readTree(raw.readInfoJson());
            String xkey = info.path("xkey").asText();
            assertThat(NKeys.isValidPublicKey(XKeys.PREFIX_CURVE, xkey)).as("xkey %s", xkey).isTrue();
            assertThat(xkey).isEqualTo(server.xkeys().publicKey());
        } finally {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }
}

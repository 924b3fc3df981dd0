package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.jnatsd.jetstream.api.JsRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR-44 asset versioning: the required API level stored in stream and consumer metadata, the server's version and
 * level added to answers only, and a repeated create with the same config still being idempotent.
 */
@Timeout(60)
class AssetVersioningIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldStoreRequiredLevelAndAnswerServerLevel_whenStreamUsesTtls() throws Exception {
        Connection nc = jnatsd.connect();
        String cfg = "{\"name\":\"V\",\"subjects\":[\"v\"],\"storage\":\"file\",\"allow_msg_ttl\":true,"
            + "\"metadata\":{\"team\":\"a\",\"_nats.ver\":\"9.9.9\",\"_nats.level\":\"99\"}}";

        JsonNode created = request(nc, "$JS.API.STREAM.CREATE.V", cfg);
        JsonNode again = request(nc, "$JS.API.STREAM.CREATE.V", cfg);
        JsonNode info = request(nc, "$JS.API.STREAM.INFO.V", "");

        assertThat(created.path("did_create").asBoolean()).as(created.toString()).isTrue();
        assertThat(again.has("error")).as(again.toString()).isFalse();
        JsonNode md = info.path("config").path("metadata");
        assertThat(md.path("team").asText()).isEqualTo("a");
        assertThat(md.path("_nats.req.level").asText()).isEqualTo("1");
        assertThat(md.path("_nats.ver").asText()).isEqualTo(ServerInfo.REFERENCE_VERSION);
        assertThat(md.path("_nats.level").asText()).isEqualTo(Integer.toString(ServerInfo.JS_API_LEVEL));
    }

    @Test
    void shouldRaiseRequiredLevel_whenUpdateTurnsOnTtls() throws Exception {
        Connection nc = jnatsd.connect();
        request(nc, "$JS.API.STREAM.CREATE.U", "{\"name\":\"U\",\"subjects\":[\"u\"],\"storage\":\"memory\"}");
        String plainLevel = request(nc, "$JS.API.STREAM.INFO.U", "").path("config").path("metadata")
            .path("_nats.req.level").asText();

        JsonNode updated = request(nc, "$JS.API.STREAM.UPDATE.U",
            "{\"name\":\"U\",\"subjects\":[\"u\"],\"storage\":\"memory\",\"allow_msg_ttl\":true}");

        assertThat(plainLevel).isEqualTo("0");
        assertThat(updated.path("config").path("metadata").path("_nats.req.level").asText())
            .as(updated.toString()).isEqualTo("1");
    }

    @Test
    void shouldStayIdempotentAndStoreNoServerKeys_whenStreamIsCreatedAgainAfterRestart() throws Exception {
        Connection nc = jnatsd.connect();
        request(nc, "$JS.API.STREAM.CREATE.R", "{\"name\":\"R\",\"subjects\":[\"r\"],\"storage\":\"file\"}");
        nc.close();
        jnatsd.restartOnSamePort();
        String stored = storedMeta("R");
        Connection again = jnatsd.connect();

        JsonNode recreated = request(again, "$JS.API.STREAM.CREATE.R",
            "{\"name\":\"R\",\"subjects\":[\"r\"],\"storage\":\"file\"}");
        JsonNode md = recreated.path("config").path("metadata");

        assertThat(recreated.has("error")).as(recreated.toString()).isFalse();
        assertThat(recreated.path("did_create").asBoolean(false)).isFalse();
        assertThat(md.path("_nats.req.level").asText()).isEqualTo("0");
        assertThat(md.path("_nats.level").asText()).isEqualTo(Integer.toString(ServerInfo.JS_API_LEVEL));
        assertThat(stored).contains("_nats.req.level").doesNotContain("_nats.ver").doesNotContain("_nats.level");
    }

    private String storedMeta(String stream) throws IOException {
        try (var files = Files.walk(jnatsd.storeDir())) {
            Path meta = files.filter(f -> f.getFileName().toString().equals("stream.json")
                    && f.getParent().getFileName().toString().equals(stream))
                .findFirst().orElseThrow(() -> new AssertionError("no stream.json for " + stream + " in " + jnatsd.storeDir()));
            return Files.readString(meta);
        }
    }

    @Test
    void shouldStoreLevelOne_whenConsumerUsesPriorityGroupsOrIsPaused() throws Exception {
        Connection nc = jnatsd.connect();
        request(nc, "$JS.API.STREAM.CREATE.C", "{\"name\":\"C\",\"subjects\":[\"c\"],\"storage\":\"memory\"}");
        String grouped = "{\"stream_name\":\"C\",\"config\":{\"durable_name\":\"G\",\"ack_policy\":\"explicit\","
            + "\"priority_groups\":[\"g\"],\"priority_policy\":\"overflow\"}}";
        String plain = "{\"stream_name\":\"C\",\"config\":{\"durable_name\":\"P\",\"ack_policy\":\"explicit\"}}";

        JsonNode g = request(nc, "$JS.API.CONSUMER.CREATE.C.G", grouped);
        JsonNode gAgain = request(nc, "$JS.API.CONSUMER.CREATE.C.G", grouped);
        JsonNode p = request(nc, "$JS.API.CONSUMER.CREATE.C.P", plain);
        request(nc, "$JS.API.CONSUMER.PAUSE.C.P", "{\"pause_until\":\"2999-01-01T00:00:00Z\"}");
        JsonNode paused = request(nc, "$JS.API.CONSUMER.INFO.C.P", "");

        assertThat(g.path("config").path("metadata").path("_nats.req.level").asText()).as(g.toString())
            .isEqualTo("1");
        assertThat(gAgain.has("error")).as(gAgain.toString()).isFalse();
        assertThat(p.path("config").path("metadata").path("_nats.req.level").asText()).isEqualTo("0");
        assertThat(p.path("config").path("metadata").path("_nats.ver").asText())
            .isEqualTo(ServerInfo.REFERENCE_VERSION);
        assertThat(paused.path("config").path("metadata").path("_nats.req.level").asText()).isEqualTo("1");
    }
}

package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.jnatsd.jetstream.api.JsRequests.errCode;
import static io.jnatsd.jetstream.api.JsRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The stream API's error answers, with raw JSON requests. */
@Timeout(30)
class StreamApiErrorsTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    @Test
    void shouldAnswerInvalidJson_whenBodyIsNotJson() throws Exception {
        JsonNode a = request(jnatsd.connect(), "$JS.API.STREAM.CREATE.S", "{not json");
        assertThat(a.path("type").asText()).isEqualTo("io.nats.jetstream.api.v1.stream_create_response");
        assertThat(errCode(a)).isEqualTo(10025);
        assertThat(a.path("error").path("code").asInt()).isEqualTo(400);
        assertThat(a.path("error").path("description").asText()).startsWith("invalid JSON: ");
    }

    @Test
    void shouldRefuseName_whenItHasADot() throws Exception {
        JsonNode a = request(jnatsd.connect(), "$JS.API.STREAM.CREATE.A.B", "{\"name\":\"A.B\"}");
        assertThat(a.path("type").asText()).isEqualTo(JsApiRouter.SYSTEM_RESPONSE_TYPE);
        assertThat(errCode(a)).isEqualTo(10003);
        JsonNode b = request(jnatsd.connect(), "$JS.API.STREAM.CREATE.AB", "{\"name\":\"A.B\"}");
        assertThat(errCode(b)).isEqualTo(10056);
    }

    @Test
    void shouldRefuseSubjects_whenTheyOverlapAnotherStream() throws Exception {
        Connection nc = jnatsd.connect();
        assertThat(errCode(request(nc, "$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"a.>\"]}")))
            .isEqualTo(-1);
        JsonNode a = request(nc, "$JS.API.STREAM.CREATE.B", "{\"name\":\"B\",\"subjects\":[\"a.b\"]}");
        assertThat(errCode(a)).isEqualTo(10065);
        assertThat(a.path("error").path("description").asText()).isEqualTo("subjects overlap with an existing stream");
    }

    @Test
    void shouldRefuseUpdate_whenStorageChanges() throws Exception {
        Connection nc = jnatsd.connect();
        request(nc, "$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"storage\":\"file\"}");
        JsonNode a = request(nc, "$JS.API.STREAM.UPDATE.A", "{\"name\":\"A\",\"storage\":\"memory\"}");
        assertThat(errCode(a)).isEqualTo(10052);
        assertThat(a.path("error").path("description").asText())
            .isEqualTo("stream configuration update can not change storage type");
    }

    @Test
    void shouldRefuseReplicas_whenMoreThanOneWithoutCluster() throws Exception {
        JsonNode a = request(jnatsd.connect(), "$JS.API.STREAM.CREATE.R", "{\"name\":\"R\",\"num_replicas\":3}");
        assertThat(errCode(a)).isEqualTo(10074);
        assertThat(a.path("error").path("code").asInt()).isEqualTo(500);
    }

    @Test
    void shouldAnswerNameInUse_whenConfigDiffers() throws Exception {
        Connection nc = jnatsd.connect();
        JsonNode first = request(nc, "$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"x\"]}");
        assertThat(first.path("did_create").asBoolean()).isTrue();
        JsonNode same = request(nc, "$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"x\"]}");
        assertThat(errCode(same)).isEqualTo(-1);
        assertThat(same.has("did_create")).isFalse();
        JsonNode other = request(nc, "$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"y\"]}");
        assertThat(errCode(other)).isEqualTo(10058);
    }

    @Test
    void shouldAnswerNotFound_whenStreamIsMissing() throws Exception {
        Connection nc = jnatsd.connect();
        assertThat(errCode(request(nc, "$JS.API.STREAM.INFO.NOPE", ""))).isEqualTo(10059);
        assertThat(errCode(request(nc, "$JS.API.STREAM.DELETE.NOPE", ""))).isEqualTo(10059);
        assertThat(errCode(request(nc, "$JS.API.STREAM.PURGE.NOPE", ""))).isEqualTo(10059);
    }

    @Test
    void shouldAnswerClusterRequired_whenAskedForStepdown() throws Exception {
        JsonNode a = request(jnatsd.connect(), "$JS.API.STREAM.LEADER.STEPDOWN.A", "");
        assertThat(a.path("type").asText()).isEqualTo("io.nats.jetstream.api.v1.stream_leader_stepdown_response");
        assertThat(errCode(a)).isEqualTo(10010);
    }

    @Test
    void shouldAnswerBadRequest_whenSubjectIsUnknown() throws Exception {
        JsonNode a = request(jnatsd.connect(), "$JS.API.NOPE", "");
        assertThat(a.path("type").asText()).isEqualTo(JsApiRouter.SYSTEM_RESPONSE_TYPE);
        assertThat(errCode(a)).isEqualTo(10003);
    }
}

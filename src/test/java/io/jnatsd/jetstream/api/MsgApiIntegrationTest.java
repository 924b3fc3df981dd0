package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class MsgApiIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldGetBySeqLastAndNext_whenAsked() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("G").subjects("g.*").build());
        nc.jetStream().publish(NatsMessage.builder().subject("g.a").headers(new Headers().add("k", "v"))
            .data(utf8("one")).build());
        nc.jetStream().publish("g.b", utf8("two"));
        nc.jetStream().publish("g.a", utf8("three"));
        MessageInfo bySeq = jsm.getMessage("G", 1);
        assertThat(bySeq.getSubject()).isEqualTo("g.a");
        assertThat(new String(bySeq.getData(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(bySeq.getHeaders().getFirst("k")).isEqualTo("v");
        assertThat(jsm.getLastMessage("G", "g.a").getSeq()).isEqualTo(3);
        assertThat(jsm.getNextMessage("G", 2, "g.a").getSeq()).isEqualTo(3);
        assertThatThrownBy(() -> jsm.getMessage("G", 9)).isInstanceOf(JetStreamApiException.class)
            .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode()).isEqualTo(10037));
    }

    @Test
    void shouldDeleteWithAndWithoutErase_whenAsked() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("D").subjects("d").build());
        for (int i = 0; i < 3; i++) {
            nc.jetStream().publish("d", new byte[1]);
        }
        assertThat(jsm.deleteMessage("D", 1)).isTrue();
        assertThat(jsm.deleteMessage("D", 2, false)).isTrue();
        assertThat(jsm.getStreamInfo("D").getStreamState().getMsgCount()).isEqualTo(1);
        JsonNode again = JsRequests.request(nc, "$JS.API.STREAM.MSG.DELETE.D", "{\"seq\":2}");
        assertThat(JsRequests.errCode(again)).isEqualTo(10057);
        assertThat(again.path("error").path("description").asText()).isEqualTo("no message found");
    }

    @Test
    void shouldAnswerBadRequest_whenGetHasNoSelector() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("B").subjects("b").build());
        assertThat(JsRequests.errCode(JsRequests.request(nc, "$JS.API.STREAM.MSG.GET.B", "{}"))).isEqualTo(10003);
        assertThat(JsRequests.errCode(JsRequests.request(nc, "$JS.API.STREAM.MSG.GET.B",
            "{\"seq\":1,\"last_by_subj\":\"b\"}"))).isEqualTo(10003);
    }
}

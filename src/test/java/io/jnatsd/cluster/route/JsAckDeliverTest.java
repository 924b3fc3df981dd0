package io.jnatsd.cluster.route;

import io.jnatsd.protocol.PubArgs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsAckDeliverTest {

    private static PubArgs msg(String subject, String reply) {
        return PubArgs.forInternalPublish(subject, reply, null, "x".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldShowStoredSubjectAndBareAck_whenReplyCarriesDeliverSuffix() {
        PubArgs in = msg("deliver.here", "$JS.ACK.S.C.1.2.3.1700000000000000000.0@orders.new");
        PubArgs out = JsAckDeliver.remap(in);
        assertThat(out.subject()).isEqualTo("orders.new");
        assertThat(out.reply()).isEqualTo("$JS.ACK.S.C.1.2.3.1700000000000000000.0");
        assertThat(out.totalSize()).isEqualTo(in.totalSize());
    }

    @Test
    void shouldAcceptAtSignInStreamName_whenBeforeEighthDot() {
        PubArgs out = JsAckDeliver.remap(msg("d", "$JS.ACK.S@x.C.1.2.3.4.0@subj"));
        assertThat(out.subject()).isEqualTo("subj");
        assertThat(out.reply()).isEqualTo("$JS.ACK.S@x.C.1.2.3.4.0");
    }

    @Test
    void shouldLeaveMessageAlone_whenReplyIsNotAnEncodedAck() {
        for (String reply : new String[] {"_INBOX.a@b", "$JS.ACK.S.C.1.2.3.4.0", "$JS.ACK.S.C.1.2.3.4.0@", null}) {
            PubArgs in = msg("d", reply);
            assertThat(JsAckDeliver.remap(in)).as(String.valueOf(reply)).isSameAs(in);
        }
    }
}

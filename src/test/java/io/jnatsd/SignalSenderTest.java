package io.jnatsd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands of {@code --signal} and the Unix signals the reference sends for them ({@code CommandToSignal}). */
@Timeout(10)
class SignalSenderTest {

    @Test
    void shouldMapEachCommandToTheReferencesSignal() {
        assertThat(SignalSender.signalOf("stop")).isEqualTo("KILL");
        assertThat(SignalSender.signalOf("quit")).isEqualTo("INT");
        assertThat(SignalSender.signalOf("term")).isEqualTo("TERM");
        assertThat(SignalSender.signalOf("reopen")).isEqualTo("USR1");
        assertThat(SignalSender.signalOf("reload")).isEqualTo("HUP");
        assertThat(SignalSender.signalOf("ldm")).isEqualTo("USR2");
        assertThat(SignalSender.signalOf("kill")).isNull();
    }

    @Test
    void shouldFail_whenTheCommandOrPidIsBad() {
        assertThat(SignalSender.send("bogus=1")).isEqualTo(1);
        assertThat(SignalSender.send("reload=1=2")).isEqualTo(1);
        assertThat(SignalSender.send("reload=notapid")).isEqualTo(1);
    }
}

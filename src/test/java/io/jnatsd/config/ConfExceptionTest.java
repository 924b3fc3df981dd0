package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class ConfExceptionTest {

    @Test
    void shouldStartWithFileLineAndColumn_whenFormatted() {
        ConfException e = new ConfException(new ConfPosition("nats.conf", 3, 5), "bad value", "x");
        assertThat(e.getMessage()).isEqualTo("nats.conf:3:5: bad value (at 'x')");
        assertThat(new ConfException(ConfPosition.wholeFile("nats.conf"), "cannot read", null).getMessage())
                .isEqualTo("nats.conf: cannot read");
    }

    @Test
    void shouldEscapeAndCutOffendingText_whenItIsLongOrHasControlCharacters() {
        ConfException e = new ConfException(new ConfPosition("f", 1, 1), "line\nbreak", "a\tb\n" + "x".repeat(60));
        assertThat(e.getMessage()).doesNotContain("\n").contains("line\\nbreak").contains("a\\tb\\n")
                .endsWith("...')");
    }

    @Test
    void shouldKeepThePositionAndNameTheSite_whenSeenThroughAnInclude() {
        ConfException inner = new ConfException(new ConfPosition("inc.conf", 2, 1), "bad", "q");
        ConfException outer = inner.includedFrom(new ConfPosition("main.conf", 7, 9));
        assertThat(outer.position()).isEqualTo(inner.position());
        assertThat(outer.getMessage()).isEqualTo("inc.conf:2:1: bad (included from main.conf:7:9) (at 'q')");
        assertThat(outer.getCause()).isSameAs(inner);
    }
}

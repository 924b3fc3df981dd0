package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ConfSizesTest {

    @Test
    void shouldUseBinaryUnits_whenSizeIsAString() {
        assertThat(ConfSizes.parse("10K")).isEqualTo(10L << 10);
        assertThat(ConfSizes.parse("1M")).isEqualTo(1L << 20);
        assertThat(ConfSizes.parse("2G")).isEqualTo(2L << 30);
        assertThat(ConfSizes.parse("1T")).isEqualTo(1L << 40);
        assertThat(ConfSizes.parse("")).isZero();
    }

    @Test
    void shouldRefuse_whenSuffixIsLowerCaseOrMissing() {
        assertThatThrownBy(() -> ConfSizes.parse("10k")).hasMessage("sizes defined as strings must end in K, M, G, T");
        assertThatThrownBy(() -> ConfSizes.parse("1GB")).hasMessageContaining("integer before the suffix");
        assertThatThrownBy(() -> ConfSizes.parse("9999999999T")).hasMessageContaining("out of the 64-bit range");
    }

    @Test
    void shouldDifferBetweenQuotedAndBareSuffixes_likeTheReference() throws ConfException {
        ConfValue root = new ConfParser(n -> null).parseString("bare = 1G\nquoted = \"1G\"\nlist = [1]\n]");
        assertThat(ConfSizes.fromValue(root.asMap().get("bare"), "bare")).isEqualTo(1_000_000_000L);
        assertThat(ConfSizes.fromValue(root.asMap().get("quoted"), "quoted")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ConfSizes.fromValue(root.asMap().get("list"), "list"))
                .isInstanceOf(ConfException.class).hasMessageStartingWith("<string>:3:1: error parsing list");
    }
}

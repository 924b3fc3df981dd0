package io.jnatsd.config;

import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.AccountJetStream;
import io.jnatsd.account.JetStreamAccountLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An account's {@code jetstream} value, read as {@code parseJetStreamForAccount} reads it. */
@Timeout(10)
class AccountJetStreamReaderTest {

    private static AccountJetStream read(String value) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(
            "accounts { A { users [ { user: a, password: a } ], jetstream: " + value + " }, B {} }"), b);
        AccountConfig a = b.build().accounts().accounts().get(0);
        return a.jetStream();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"true|true", "false|false", "enabled|true", "Enable|true",
        "disabled|false", "\"disable\"|false"})
    void shouldEnableWithoutLimits_whenValueIsBoolOrWord(String value, boolean enabled) throws ConfException {
        AccountJetStream js = read(value);
        assertThat(js.enabled()).isEqualTo(enabled);
        if (enabled) {
            assertThat(js.tiers()).containsExactly(java.util.Map.entry("", JetStreamAccountLimits.UNLIMITED));
        }
    }

    @Test
    void shouldBeDisabled_whenAccountHasNoJetStreamValue() throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString("accounts { A {} }"), b);
        assertThat(b.build().accounts().accounts().get(0).jetStream().enabled()).isFalse();
    }

    @Test
    void shouldReadEveryLimit_whenValueIsMapWithAliases() throws ConfException {
        JetStreamAccountLimits l = read("""
            { mem: 1MB, disk: 2GB, streams: 3, consumers: 4, max_bytes: true, memory_max_stream_bytes: 5,
              disk_max_stream_bytes: 6, max_ack_pending: 7, cluster_traffic: owner }""").tiers().get("");
        assertThat(l).isEqualTo(new JetStreamAccountLimits(1024 * 1024, 2L * 1024 * 1024 * 1024, 3, 4, 7, 5, 6,
            true));
        AccountJetStream js = read("{ max_memory: 10, max_store: 20, max_streams: 1, max_consumers: 2,"
            + " max_bytes_required: false, mem_max_stream_bytes: 3, store_max_stream_bytes: 4 }");
        assertThat(js.tiers().get("")).isEqualTo(new JetStreamAccountLimits(10, 20, 1, 2, -1, 3, 4, false));
        assertThat(read("{ max_mem: 1, max_file: 2 }").tiers().get("").maxStoreBytes()).isEqualTo(2);
        assertThat(read("{ memory: 1, max_disk: 2, store: 3 }").tiers().get("").maxStoreBytes()).isEqualTo(3);
        assertThat(read("{ max_stream_bytes: true }").tiers().get("").maxBytesRequired()).isTrue();
        assertThat(read("{}").tiers().get("")).isEqualTo(JetStreamAccountLimits.UNLIMITED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5|Expected map, bool or string to define JetStream, got int64",
        "1.5|Expected map, bool or string to define JetStream, got float64",
        "maybe|Expected 'enabled' or 'disabled' for string value, got 'maybe'",
        "{ max_mem: \"1G\" }|Expected a parseable size for \"max_mem\", got 1G",
        "{ streams: 1.5 }|Expected a parseable size for \"streams\", got 1.5",
        "{ max_bytes_required: 5 }|Expected a parseable bool for \"max_bytes_required\", got 5",
        "{ cluster_traffic: 5 }|Expected either 'system' or 'owner' string value for \"cluster_traffic\", got 5",
        "{ cluster_traffic: other }|Expected 'system' or 'owner' string value for \"cluster_traffic\", got other",
        "{ foo: 1 }|unknown field \"foo\""})
    void shouldRefuseWithReferenceText_whenValueHasWrongType(String value, String message) {
        assertThatThrownBy(() -> read(value)).isInstanceOf(ConfException.class)
            .satisfies(e -> assertThat(((ConfException) e).reason()).isEqualTo(message));
    }
}

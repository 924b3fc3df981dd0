package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class JetStreamOptionsReaderTest {

    private static ServerOptions read(String conf, ServerOptionsReader reader) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        reader.read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    @Test
    void shouldReadTheJetStreamBlock() throws ConfException {
        ServerOptionsReader reader = new ServerOptionsReader();
        ServerOptions o = read("""
                jetstream {
                  store_dir: "/data/js"
                  max_memory_store: 1GB
                  max_file_store: 10GB
                  domain: hub
                  sync_interval: "10s"
                  unique_tag: "AZ"
                  strict: true
                  max_buffered_msgs: 1000
                  limits { max_ack_pending: 100, duplicate_window: "1m" }
                  extension_hint: "x"
                }
                """, reader);
        JetStreamOptions js = o.jetStreamOptions();
        assertThat(o.jetStream()).isTrue();
        assertThat(o.storeDir()).isEqualTo(Path.of("/data/js"));
        assertThat(js.maxMemoryBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(js.maxFileBytes()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(js.domain()).isEqualTo("hub");
        assertThat(js.syncInterval()).isEqualTo("10000000000ns");
        assertThat(js.uniqueTag()).isEqualTo("az");
        assertThat(js.strict()).isTrue();
        assertThat(js.maxBufferedMsgs()).isEqualTo(1000);
        assertThat(js.maxAckPendingLimit()).isEqualTo(100);
        assertThat(js.duplicateWindowLimit()).isEqualTo(Duration.ofMinutes(1));
        assertThat(reader.warnings()).anyMatch(w -> w.contains("extension_hint"));
    }

    @Test
    void shouldStayDisabled_whenEnabledIsFalse() throws ConfException {
        assertThat(read("jetstream { enabled: false }", new ServerOptionsReader()).jetStream()).isFalse();
        assertThat(read("jetstream: enabled", new ServerOptionsReader()).jetStreamOptions())
            .isEqualTo(JetStreamOptions.DEFAULTS);
    }

    @Test
    void shouldKeepSyncAlways_whenAsked() throws ConfException {
        assertThat(read("jetstream { sync_interval: always }", new ServerOptionsReader()).jetStreamOptions()
            .syncInterval()).isEqualTo("always");
    }

    @Test
    void shouldRefuseDomain_whenItHasADot() {
        assertThatThrownBy(() -> read("jetstream { domain: \"a.b\" }", new ServerOptionsReader()))
            .isInstanceOf(ConfException.class).hasMessageContaining("invalid domain name");
    }
}

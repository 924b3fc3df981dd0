package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jnatsd.config.GatewayOptionsReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class AuxiliaryOptionsReaderTest {

    @Test
    void shouldReadTheOtherTopLevelOptions_andWarnAboutEach() throws ConfException {
        List<String> warnings = new ArrayList<>();
        ServerOptions o = read("""
                logtime: false
                logtime_utc: true
                logfile_size_limit: 10MB
                log_max_num: 5
                remote_syslog: "udp://h:514"
                trace_verbose: true
                max_traced_msg_len: 100
                max_closed_clients: 50
                max_sub_tokens: 16
                prof_port: 6060
                connect_error_reports: 10
                server_tags: ["az:1", "ssd"]
                server_metadata { rack: r1 }
                feature_flags { js_ack_fc_v2: true }
                no_sublist_cache: true
                write_timeout: retry
                """, warnings);
        AuxiliaryOptions a = o.auxiliary();

        assertThat(a.logTime()).isFalse();
        assertThat(a.logTimeUtc()).isTrue();
        assertThat(a.logFileSizeLimitBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(a.logFileMaxNum()).isEqualTo(5);
        assertThat(a.remoteSyslog()).isEqualTo("udp://h:514");
        assertThat(a.traceVerbose()).isTrue();
        assertThat(o.trace()).as("trace_verbose turns tracing on, as in the reference").isTrue();
        assertThat(a.maxTracedMsgLen()).isEqualTo(100);
        assertThat(a.maxClosedClients()).isEqualTo(50);
        assertThat(a.maxSubTokens()).isEqualTo(16);
        assertThat(a.profPort()).isEqualTo(6060);
        assertThat(a.connectErrorReports()).isEqualTo(10);
        assertThat(a.reconnectErrorReports()).isEqualTo(AuxiliaryOptions.RECONNECT_ERROR_REPORTS_DEFAULT);
        assertThat(a.serverTags()).containsExactly("az:1", "ssd");
        assertThat(a.serverMetadata()).isEqualTo(Map.of("rack", "r1"));
        assertThat(a.featureFlags()).isEqualTo(Map.of("js_ack_fc_v2", true));
        assertThat(a.noSublistCache()).isTrue();
        assertThat(a.writeTimeout()).isEqualTo("retry");
        assertThat(warnings).hasSize(16).allMatch(w -> w.contains("is parsed but not implemented by jnatsd yet"));
    }

    @Test
    void shouldKeepTheDefaults_whenNoneIsGiven() throws ConfException {
        assertThat(read("port: 1", new ArrayList<>()).auxiliary()).isEqualTo(AuxiliaryOptions.DEFAULTS);
        assertThat(AuxiliaryOptions.DEFAULTS.maxClosedClients()).isEqualTo(10_000);
        assertThat(AuxiliaryOptions.DEFAULTS.connectErrorReports()).isEqualTo(3600);
        assertThat(AuxiliaryOptions.DEFAULTS.logTime()).isTrue();
    }

    @Test
    void shouldRefuseWithTheReferenceErrors_whenAValueIsWrong() {
        assertThatThrownBy(() -> read("max_sub_tokens: 256", new ArrayList<>()))
                .hasMessageContaining("max_sub_tokens value is too big");
        assertThatThrownBy(() -> read("max_subscription_tokens: 0", new ArrayList<>()))
                .hasMessageContaining("max_subscription_tokens value can not be negative");
        assertThatThrownBy(() -> read("write_timeout: sometimes", new ArrayList<>()))
                .hasMessageContaining("write_timeout must be");
        assertThatThrownBy(() -> read("feature_flags { x: 1 }", new ArrayList<>()))
                .hasMessageContaining("expected a boolean");
    }
}

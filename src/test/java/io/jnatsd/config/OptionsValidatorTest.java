package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.config.GatewayOptionsReaderTest.read;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class OptionsValidatorTest {

    private static void validate(String conf) throws ConfException {
        OptionsValidator.validate(read(conf, new ArrayList<>()));
    }

    @Test
    void shouldAcceptTheDefaults() {
        assertThatCode(() -> OptionsValidator.validate(ServerOptions.defaults())).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseConflictingCoreOptions_withTheReferenceText() {
        assertThatThrownBy(() -> validate("max_payload: 2MB\nmax_pending: 1MB"))
                .hasMessage("max_payload (2097152) cannot be higher than max_pending (1048576)");
        assertThatThrownBy(() -> validate("lame_duck_duration: \"30s\"\nlame_duck_grace_period: \"30s\""))
                .hasMessage("lame duck grace period (30s) should be strictly lower than lame duck duration (30s)");
        assertThatThrownBy(() -> OptionsValidator.validate(ServerOptions.builder().serverName("a b").build()))
                .hasMessage("server name cannot contain spaces");
    }

    @Test
    void shouldRefuseAShortLameDuckDuration_asTheReferenceReaderDoes() {
        assertThatThrownBy(() -> validate("lame_duck_duration: \"10s\""))
                .hasMessageContaining("invalid lame_duck_duration of 10s, minimum is 30 seconds");
    }

    @Test
    void shouldRefuseWebsocketAuthThatConflictsWithTheUsers() {
        String users = "authorization { users: [{user: a, password: b}] }\n";
        assertThatThrownBy(() -> validate(users + "websocket { port: 1, no_tls: true, authorization { user: x } }"))
                .hasMessage("websocket authentication username not compatible with presence of users/nkeys");
        assertThatThrownBy(() -> validate(users + "websocket { port: 1, no_tls: true, no_auth_user: z }"))
                .hasMessageContaining("no_auth_user: \"z\" not present as user or nkey");
        assertThatThrownBy(() -> validate("websocket { port: 1, no_tls: true, jwt_cookie: c }"))
                .hasMessageContaining("trusted operators or trusted keys configuration is required");
    }

    @Test
    void shouldRequireJetStreamOrAnUplink_whenMqttIsStandalone() throws ConfException {
        assertThatThrownBy(() -> validate("mqtt { port: 1883 }"))
                .hasMessage("mqtt requires JetStream to be enabled if running in standalone mode");
        validate("jetstream: enabled\nmqtt { port: 1883 }");
        validate("leafnodes { remotes: [{url: \"nats://hub:7422\"}] }\nmqtt { port: 1883 }");
        assertThatThrownBy(() -> validate("jetstream: true\nmqtt { port: 1, authorization { token: t } }\n"
                + "authorization { users: [{user: a, password: b}] }"))
                .hasMessage("mqtt authentication token not compatible with presence of users/nkeys");
    }

    @Test
    void shouldPrintDurationsAsGoDoes() {
        List<String> printed = List.of(OptionsValidator.go(Duration.ofMinutes(2)),
                OptionsValidator.go(Duration.ofMillis(1500)), OptionsValidator.go(Duration.ofMillis(500)),
                OptionsValidator.go(Duration.ofHours(1).plusSeconds(5)));
        org.assertj.core.api.Assertions.assertThat(printed).containsExactly("2m0s", "1.5s", "500ms", "1h0m5s");
    }
}

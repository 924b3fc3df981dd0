package io.jnatsd.monitor;

import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The conf-file keys of monitoring reach the monitor. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MonitorConfTest {

    private MonitorTestSupport env;

    @AfterEach
    void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void shouldServeUnderConfiguredBasePath_whenConfFileSetsIt() throws Exception {
        ServerOptions.Builder b = ServerOptions.builder();
        ServerOptionsReader reader = new ServerOptionsReader();
        reader.read(new ConfParser().parseString("http: \"127.0.0.1:8222\"\nhttp_base_path: \"/nats\"\n"), b);
        assertThat(reader.warnings()).isEmpty();
        ServerOptions read = b.build();
        assertThat(read.httpPort()).isEqualTo(8222);
        assertThat(read.httpBasePath()).isEqualTo("/nats");
        env = MonitorTestSupport.start(read.toBuilder());
        assertThat(env.json("/nats/varz").get("http_base_path").asText()).isEqualTo("/nats");
        assertThat(env.get("/nats").body()).contains("<a href=./nats/connz>Connections</a>");
    }
}

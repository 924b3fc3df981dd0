package io.jnatsd.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MonitorPathsTest {

    @Test
    void shouldNormalizeLikeReference_whenBasePathGiven() {
        assertThat(MonitorPaths.normalize("")).isEqualTo("/");
        assertThat(MonitorPaths.normalize("mon/")).isEqualTo("/mon");
        assertThat(MonitorPaths.normalize("//a/./b/../c/")).isEqualTo("/a/c");
    }

    @Test
    void shouldMapRequestPathToEndpoint_whenUnderBasePath() {
        MonitorPaths root = new MonitorPaths("");
        assertThat(root.endpointOf("/")).isEqualTo("/");
        assertThat(root.endpointOf("/varz")).isEqualTo("/varz");
        MonitorPaths mon = new MonitorPaths("/mon");
        assertThat(mon.endpointOf("/mon")).isEqualTo("/");
        assertThat(mon.endpointOf("/mon/connz")).isEqualTo("/connz");
        assertThat(mon.endpointOf("/connz")).isNull();
        assertThat(mon.endpointOf("/monx/connz")).isNull();
        assertThat(mon.resolve(MonitorPaths.VARZ)).isEqualTo("/mon/varz");
    }
}

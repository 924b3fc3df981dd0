package io.jnatsd;

import io.jnatsd.config.ClusterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster flags: --cluster, --cluster_name, --routes, --cluster_advertise, --no_advertise, --connect_retries. */
@Timeout(10)
class ClusterFlagsTest {

    private static ClusterOptions cluster(String... args) {
        ServerFlags flags = new ServerFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.toOptions().cluster();
    }

    @Test
    void shouldBuildClusterOptions_whenAllClusterFlagsGiven() {
        ClusterOptions c = cluster("--cluster", "nats://127.0.0.1:6222", "--cluster_name", "east", "--routes",
                "nats://10.0.0.1:6222,nats://10.0.0.2:6222", "--cluster_advertise", "east:6222", "--no_advertise",
                "--connect_retries", "7");
        assertThat(c.enabled()).isTrue();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(6222);
        assertThat(c.name()).isEqualTo("east");
        assertThat(c.routes()).hasSize(2);
        assertThat(c.advertise()).isEqualTo("east:6222");
        assertThat(c.noAdvertise()).isTrue();
        assertThat(c.connectRetries()).isEqualTo(7);
    }

    @Test
    void shouldLeaveClusteringOff_whenNoClusterFlag() {
        assertThat(cluster("-p", "4222").enabled()).isFalse();
    }
}

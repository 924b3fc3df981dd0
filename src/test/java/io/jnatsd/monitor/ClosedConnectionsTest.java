package io.jnatsd.monitor;

import io.jnatsd.server.ClientSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClosedConnectionsTest {

    private static ClientSnapshot closed(long cid) {
        Instant t = Instant.now();
        return new ClientSnapshot(cid, "127.0.0.1", 1, t, t, t, "Client Closed", 0, 0, 0, 0, 0, 0, "", "", "",
                "$G", "", List.of());
    }

    @Test
    void shouldKeepNewestOldestFirst_whenRingOverflows() {
        ClosedConnections ring = new ClosedConnections(3);
        assertThat(ring.snapshot()).isEmpty();
        for (long cid = 1; cid <= 2; cid++) {
            ring.onClientClosed(closed(cid));
        }
        assertThat(ring.snapshot()).extracting(ClientSnapshot::cid).containsExactly(1L, 2L);
        for (long cid = 3; cid <= 7; cid++) {
            ring.onClientClosed(closed(cid));
        }
        assertThat(ring.snapshot()).extracting(ClientSnapshot::cid).containsExactly(5L, 6L, 7L);
        assertThat(ring.totalClosed()).isEqualTo(7);
    }
}

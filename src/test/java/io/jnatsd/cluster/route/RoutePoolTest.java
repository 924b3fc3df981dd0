package io.jnatsd.cluster.route;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which route of a peer carries an account: pool index, dedicated route, or the one route of a peer without pooling. */
class RoutePoolTest {

    @Test
    void shouldUseReferenceDefault_whenPoolSizeNotSet() {
        RoutePool pool = new RoutePool(0, List.of());
        assertThat(pool.pooling()).isTrue();
        assertThat(pool.localSize()).isEqualTo(3);
        assertThat(pool.announcedSize()).isEqualTo(3);
    }

    @Test
    void shouldBehaveAsServerWithoutPooling_whenPoolSizeIsNegative() {
        RoutePool pool = new RoutePool(-1, List.of("P"));
        assertThat(pool.pooling()).isFalse();
        assertThat(pool.announcedSize()).isZero();
        assertThat(pool.localSize()).isEqualTo(1);
        assertThat(pool.pinnedAccounts()).isEmpty();
        assertThat(pool.indexOf("ACC1")).isZero();
    }

    @Test
    void shouldCarryAccountOnItsPoolIndexOnly_whenPooled() {
        RoutePool pool = new RoutePool(3, List.of("P"));
        assertThat(pool.indexOf("A")).isZero();
        assertThat(pool.indexOf("C")).isEqualTo(1);
        assertThat(pool.indexOf("ACC1")).isEqualTo(2);
        assertThat(pool.indexOf("P")).isEqualTo(-1);
        for (int i = 0; i < 3; i++) {
            assertThat(pool.carries(null, false, i, "C")).as("index %d", i).isEqualTo(i == 1);
            assertThat(pool.carries(null, false, i, "P")).as("pinned on pool index %d", i).isFalse();
        }
    }

    @Test
    void shouldCarryOnlyItsAccount_whenRouteIsPinned() {
        RoutePool pool = new RoutePool(3, List.of("P"));
        assertThat(pool.carries("P", false, -1, "P")).isTrue();
        assertThat(pool.carries("P", false, -1, "A")).isFalse();
    }

    @Test
    void shouldCarryEveryAccount_whenPeerHasNoPool() {
        RoutePool pool = new RoutePool(3, List.of("P"));
        for (String account : List.of("A", "C", "ACC1", "P", "$G")) {
            assertThat(pool.carries(null, true, 0, account)).as(account).isTrue();
        }
    }
}

package io.jnatsd.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster block's pooling options: {@code pool_size} and the pinned {@code accounts}, with the reference's checks. */
class ClusterPoolOptionsTest {

    private static ClusterOptions read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build().cluster();
    }

    @Test
    void shouldReadPoolSizeAndPinnedAccounts_whenGiven() throws Exception {
        ClusterOptions c = read("cluster { port: 6222, pool_size: 5, accounts: [A, B] }");
        assertThat(c.poolSize()).isEqualTo(5);
        assertThat(c.pinnedAccounts()).containsExactly("A", "B");
    }

    @Test
    void shouldRefuseWithReferenceError_whenPinnedAccountsAndPoolingDisabled() {
        assertThatThrownBy(() -> read("cluster { port: 6222, pool_size: -1, accounts: [A] }"))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("pool_size cannot be negative if pinned accounts are specified");
    }

    @Test
    void shouldRefuseWithReferenceError_whenPinnedAccountRepeats() {
        assertThatThrownBy(() -> read("cluster { port: 6222, accounts: [A, B, A] }"))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("found duplicate account name \"A\" in pinned accounts list [\"A\" \"B\" \"A\"]");
    }

    @Test
    void shouldAcceptDisabledPooling_whenNoPinnedAccounts() throws Exception {
        assertThat(read("cluster { port: 6222, pool_size: -1 }").poolSize()).isEqualTo(-1);
    }
}

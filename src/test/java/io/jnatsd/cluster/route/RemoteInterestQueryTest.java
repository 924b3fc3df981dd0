package io.jnatsd.cluster.route;

import io.jnatsd.account.Account;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RouteForwarder#hasRemoteInterest} answers from the remote sublist's match cache: every change of the
 * peers' interest shows in the next answer, whatever was answered (and cached) before.
 */
class RemoteInterestQueryTest {

    private final RemoteInterest interest = new RemoteInterest();
    private final RouteRemoteSubs route = new RouteRemoteSubs(interest);
    private final RouteForwarder forwarder = new RouteForwarder(interest, null);
    private final Account global = new Account(Account.GLOBAL_ACCOUNT_NAME);

    @Test
    void shouldAnswerNo_whenNoPeerShowedInterest() {
        assertThat(forwarder.hasRemoteInterest(global, "deliver.a")).isFalse();
    }

    @Test
    void shouldAnswerYes_whenRsPlusArrivesAfterAnAnsweredNo() {
        route.add(null, global.name(), "other", null, 1);
        assertThat(forwarder.hasRemoteInterest(global, "deliver.a")).isFalse();

        route.add(null, global.name(), "deliver.*", null, 1);

        assertThat(forwarder.hasRemoteInterest(global, "deliver.a")).isTrue();
    }

    @Test
    void shouldAnswerNo_whenRsMinusArrivesAfterAnAnsweredYes() {
        route.add(null, global.name(), "deliver.a", null, 1);
        route.add(null, global.name(), "keep", null, 1);
        assertThat(forwarder.hasRemoteInterest(global, "deliver.a")).isTrue();

        route.remove(global.name(), "deliver.a", null);

        assertThat(forwarder.hasRemoteInterest(global, "deliver.a")).isFalse();
        assertThat(forwarder.hasRemoteInterest(global, "keep")).isTrue();
    }

    @Test
    void shouldAnswerNo_whenTheRouteClosesAfterAnAnsweredYes() {
        route.add(null, global.name(), "deliver.a", null, 1);
        assertThat(forwarder.hasRemoteInterest(global, "deliver.a")).isTrue();

        route.clear();

        assertThat(forwarder.hasRemoteInterest(global, "deliver.a")).isFalse();
    }

    @Test
    void shouldFollowInterest_whenTheSubjectIsAnUncachedAckSubject() {
        String inbox = "$JS.ACK.S.C.1.2.3.4.0";
        assertThat(forwarder.hasRemoteInterest(global, inbox)).isFalse();
        route.add(null, global.name(), "$JS.ACK.S.>", null, 1);

        assertThat(forwarder.hasRemoteInterest(global, inbox)).isTrue();

        route.remove(global.name(), "$JS.ACK.S.>", null);
        assertThat(forwarder.hasRemoteInterest(global, inbox)).isFalse();
    }

    @Test
    void shouldKeepAccountsApart_whenOnlyAnotherAccountHasInterest() {
        route.add(null, "A", "deliver.a", null, 1);

        assertThat(forwarder.hasRemoteInterest(new Account("A"), "deliver.a")).isTrue();
        assertThat(forwarder.hasRemoteInterest(global, "deliver.a")).isFalse();
    }
}

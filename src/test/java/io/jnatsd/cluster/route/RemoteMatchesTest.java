package io.jnatsd.cluster.route;

import io.jnatsd.account.Account;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.SublistResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The forwarder's cache of the peers' interest: every change of that interest shows in the next match. */
class RemoteMatchesTest {

    private final RemoteInterest interest = new RemoteInterest();
    private final RouteRemoteSubs route = new RouteRemoteSubs(interest);
    private final RemoteMatches matches = new RemoteMatches(interest);
    private final Account global = new Account(Account.GLOBAL_ACCOUNT_NAME);

    private static PubArgs msg(String subject) {
        return PubArgs.forInternalPublish(subject, null, null, "x".getBytes(StandardCharsets.UTF_8));
    }

    private int plain(RemoteMatches m, Account account, String subject) {
        return m.match(account, msg(subject)).plainCount();
    }

    @Test
    void shouldMatchNothing_whenNoPeerShowedInterest() {
        assertThat(matches.match(global, msg("foo")).isEmpty()).isTrue();
    }

    @Test
    void shouldSeeInterest_whenRsPlusArrivesAfterACachedMiss() {
        route.add(null, global.name(), "other", null, 1);
        assertThat(plain(matches, global, "foo")).isZero();

        route.add(null, global.name(), "foo", null, 1);

        assertThat(plain(matches, global, "foo")).isEqualTo(1);
    }

    @Test
    void shouldSeeInterest_whenTheAccountHadNoRemoteSublistAtFirst() {
        assertThat(plain(matches, global, "foo")).isZero();

        route.add(null, global.name(), "foo", null, 1);

        assertThat(plain(matches, global, "foo")).isEqualTo(1);
    }

    @Test
    void shouldDropInterest_whenRsMinusArrives() {
        route.add(null, global.name(), "foo", null, 1);
        route.add(null, global.name(), "foo.>", null, 1);
        assertThat(plain(matches, global, "foo")).isEqualTo(1);

        route.remove(global.name(), "foo", null);

        assertThat(plain(matches, global, "foo")).isZero();
    }

    @Test
    void shouldDropInterest_whenTheRouteCloses() {
        RouteRemoteSubs other = new RouteRemoteSubs(interest);
        other.add(null, global.name(), "keep", null, 1);
        route.add(null, global.name(), "foo", null, 1);
        assertThat(plain(matches, global, "foo")).isEqualTo(1);

        route.clear();

        assertThat(plain(matches, global, "foo")).isZero();
        assertThat(plain(matches, global, "keep")).isEqualTo(1);
    }

    @Test
    void shouldDropInterest_whenTheAccountMovesToADedicatedRoute() {
        Account a = new Account("A");
        route.add(null, "A", "foo", null, 1);
        route.add(null, global.name(), "foo", null, 1);
        assertThat(plain(matches, a, "foo")).isEqualTo(1);

        route.removeAccount("A");

        assertThat(plain(matches, a, "foo")).isZero();
        assertThat(plain(matches, global, "foo")).isEqualTo(1);
    }

    @Test
    void shouldSeeNewWeight_whenAQueueWeightChanges() {
        route.add(null, global.name(), "foo", "q", 1);
        SublistResult<RemoteSub> before = matches.match(global, msg("foo"));
        assertThat(before.queueGroupCount()).isEqualTo(1);

        route.add(null, global.name(), "foo", "q", 3);

        SublistResult<RemoteSub> after = matches.match(global, msg("foo"));
        assertThat(after).isNotSameAs(before);
        assertThat(after.queueMember(0, 0).queueWeight()).isEqualTo(3);
    }

    @Test
    void shouldKeepAccountsApart_whenOneThreadPublishesInBoth() {
        Account a = new Account("A");
        Account b = new Account("B");
        route.add(null, "A", "foo", null, 1);

        assertThat(plain(matches, a, "foo")).isEqualTo(1);
        assertThat(plain(matches, b, "foo")).isZero();
        assertThat(plain(matches, a, "foo")).isEqualTo(1);
    }

    @Test
    void shouldKeepServersApart_whenTwoForwardersShareAThread() {
        RemoteInterest otherInterest = new RemoteInterest();
        RemoteMatches otherServer = new RemoteMatches(otherInterest);
        route.add(null, global.name(), "foo", null, 1);

        assertThat(plain(matches, global, "foo")).isEqualTo(1);
        assertThat(plain(otherServer, global, "foo")).isZero();
        new RouteRemoteSubs(otherInterest).add(null, global.name(), "bar", null, 1);
        assertThat(plain(otherServer, global, "bar")).isEqualTo(1);
        assertThat(plain(matches, global, "bar")).isZero();
        assertThat(plain(matches, global, "foo")).isEqualTo(1);
    }

    @Test
    void shouldStillMatch_whenAThreadSeesMoreAccountsThanItKeeps() {
        route.add(null, "A0", "foo", null, 1);
        for (int i = 0; i <= RemoteMatches.MAX_ACCOUNTS_PER_THREAD + 1; i++) {
            String name = "A" + i;
            route.add(null, name, "foo", null, 1);
            assertThat(plain(matches, new Account(name), "foo")).isEqualTo(1);
        }
    }
}

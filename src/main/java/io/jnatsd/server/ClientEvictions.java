package io.jnatsd.server;

import io.jnatsd.account.Account;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a room above {@code server} closes clients of an account for a reason of its own: an
 * account JWT that revokes a user, lowers the account's limits or is deleted (the client side
 * of {@code updateAccountClaimsWithRefresh} and {@code removeCb} in {@code server/accounts.go}).
 * Each client is judged and closed on its own event loop. Thread-safe.
 */
public final class ClientEvictions {

    private ClientEvictions() {
    }

    /**
     * What a client shows to be judged by.
     *
     * @param cid           its connection id
     * @param userJwt       the user JWT of its CONNECT, or null
     * @param subscriptions how many subscriptions it has
     */
    public record ClientView(long cid, String userJwt, int subscriptions) {
    }

    /**
     * A verdict: the {@code -ERR} text sent, then the close reason recorded.
     *
     * @param error  the text of the {@code -ERR}
     * @param reason the closed state, as /connz shows it
     */
    public record Eviction(String error, String reason) {
    }

    /** The ids of the clients bound to {@code account}, oldest first. Thread-safe. */
    public static List<Long> clientIds(NatsServer server, Account account) {
        List<Long> ids = new ArrayList<>();
        for (ClientConnection c : server.clients()) {
            if (c.account() == account && !c.state().closed()) {
                ids.add(c.connectionId());
            }
        }
        ids.sort(null);
        return ids;
    }

    /**
     * Judges each client of {@code account} on its event loop with {@code decide} (null keeps
     * it) and closes those it condemns after sending the {@code -ERR}. Thread-safe; returns
     * before the clients are judged.
     */
    public static void judge(NatsServer server, Account account, Function<ClientView, Eviction> decide) {
        for (ClientConnection c : server.clients()) {
            c.channel().eventLoop().execute(() -> {
                if (c.account() != account || c.state().closed()) {
                    return;
                }
                Eviction e = decide.apply(new ClientView(c.connectionId(), c.connectOptions().jwt,
                        c.subscriptionCount()));
                if (e != null) {
                    c.sendError(e.error());
                    c.close(e.reason());
                }
            });
        }
    }
}

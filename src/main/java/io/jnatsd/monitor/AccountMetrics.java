package io.jnatsd.monitor;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountTraffic;
import io.jnatsd.server.NatsServer;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The per-account families of /metrics, named as prometheus-nats-exporter names what it reads
 * from /accstatz ({@code gnatsd_accstatz_*}, labels {@code server_id}, {@code account},
 * {@code account_id}, {@code account_name}): connections, subscriptions, and the traffic
 * {@link AccountTraffic} counts. Every account is listed, as the exporter asks with
 * {@code unused=1}. Stateless.
 */
final class AccountMetrics {

    private record Family(String name, String help, ToDoubleFunction<Account> value) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("gnatsd_accstatz_current_connections", "Client connections of the account",
                    Account::numClients),
            new Family("gnatsd_accstatz_total_connections", "Client and leaf node connections of the account",
                    Account::numClients),
            new Family("gnatsd_accstatz_leaf_nodes", "Leaf node connections of the account", a -> 0),
            new Family("gnatsd_accstatz_subscriptions", "Subscriptions in the account", a -> a.sublist().count()),
            new Family("gnatsd_accstatz_sent_messages", "Deliveries made by the account's publishes",
                    a -> a.traffic().outMsgs()),
            new Family("gnatsd_accstatz_sent_bytes", "Bytes delivered by the account's publishes",
                    a -> a.traffic().outBytes()),
            new Family("gnatsd_accstatz_received_messages", "Messages published by the account's clients",
                    a -> a.traffic().inMsgs()),
            new Family("gnatsd_accstatz_received_bytes", "Bytes published by the account's clients",
                    a -> a.traffic().inBytes()),
            new Family("gnatsd_accstatz_slow_consumers", "The account's clients cut as slow consumers",
                    a -> a.traffic().slowConsumers()));

    private AccountMetrics() {
    }

    static void render(MetricsText out, NatsServer server) {
        List<Account> accounts = server.accounts();
        if (accounts.isEmpty()) {
            return;
        }
        for (Family f : FAMILIES) {
            out.header(f.name(), f.help(), "gauge");
            for (Account a : accounts) {
                out.sample(f.name(), MetricsText.labels("server_id", server.serverId(), "account", a.name(),
                        "account_id", a.name(), "account_name", a.name()), f.value().applyAsDouble(a), false);
            }
        }
    }
}

package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.account.Account;
import io.jnatsd.server.NatsServer;

import java.time.Instant;
import java.util.List;

/**
 * Twin of {@code Accountz} and {@code AccountInfo} in {@code server/monitor.go}: the list of
 * account names, or with {@code acc} the detail of one ({@link AccountInfo}); without a
 * system account {@code system_account} is left out, as the reference does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Accountz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("system_account") String systemAccount,
        @JsonProperty("accounts") List<String> accounts,
        @JsonProperty("account_detail") AccountInfo detail) {

    static Accountz of(NatsServer server, QueryParams q) throws BadRequestException {
        String acc = q.get("acc");
        if (acc.isEmpty()) {
            return new Accountz(server.serverId(), Instant.now(), systemAccount(server),
                    server.accounts().stream().map(Account::name).toList(), null);
        }
        return new Accountz(server.serverId(), Instant.now(), systemAccount(server), null,
                AccountInfo.of(server, acc));
    }

    private static String systemAccount(NatsServer server) {
        Account sys = server.accountRegistry().system();
        return sys == null ? null : sys.name();
    }
}

package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.server.NatsServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Twin of the account-scoped handlers of {@code initEventTracking} in {@code server/events.go}
 * whose answer is not an HTTP endpoint's: {@code $SYS.REQ.ACCOUNT.<acc>.JSZ} ({@code JszAccount}:
 * one {@link JszAccountDetail}), {@code .INFO} ({@code accountInfo}: an {@link AccountInfo}) and
 * {@code .STATZ} ({@link AccountStatz} of that account, or of the {@code accounts} asked when
 * {@code <acc>} is {@code PING}; no answer when none has connections, unless
 * {@code include_unused}). Failures carry code 500 and the reference's text, as {@code zReq}.
 *
 * <p>Thread-safe; stateless apart from the server it reads.
 */
final class SysAccountAnswers {

    /** The account endpoints answered here rather than by an HTTP endpoint. */
    static final Set<String> OWN = Set.of("JSZ", "INFO", "STATZ");
    /** The account token of the account ping subject {@code $SYS.REQ.ACCOUNT.PING.STATZ}. */
    static final String PING = "PING";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final NatsServer server;

    SysAccountAnswers(NatsServer server) {
        this.server = server;
    }

    /** The answer, or null when the reference sends none. */
    SysEventJson.ApiResponse answer(String name, String account, byte[] body, QueryParams q,
                                    SysEventJson.ServerJson me) {
        try {
            Object data = switch (name) {
                case "JSZ" -> jsz(account, q);
                case "INFO" -> AccountInfo.of(server, account);
                default -> statz(account, body);
            };
            if (data == null) {
                return null;
            }
            return new SysEventJson.ApiResponse(me, JSON.readTree(MonitorJson.compact(data)), null);
        } catch (BadRequestException e) {
            return new SysEventJson.ApiResponse(me, null,
                    new SysEventJson.ApiError(SysRequests.INTERNAL_ERROR, e.getMessage()));
        } catch (IOException e) {
            return new SysEventJson.ApiResponse(me, null,
                    new SysEventJson.ApiError(SysRequests.INTERNAL_ERROR, e.getMessage()));
        }
    }

    /** Twin of {@code JszAccount}. */
    private JszAccountDetail jsz(String account, QueryParams q) throws BadRequestException {
        JszOptions o = JszOptions.from(q);
        Optional<JetStreamModule> js = server.module(JetStreamModule.class);
        if (js.isEmpty() || js.get().engine() == null) {
            throw new BadRequestException("jetstream not enabled");
        }
        if (server.accountRegistry().lookup(account) == null) {
            throw new BadRequestException("account \"" + account + "\" not found");
        }
        Optional<AccountStreams> streams = js.get().engine().account(account);
        if (streams.isEmpty()) {
            throw new BadRequestException("account \"" + account + "\" not jetstream enabled");
        }
        return new JetStreamView(js.get()).detail(streams.get(), o);
    }

    /** Twin of the account STATZ handlers (direct and ping). */
    private AccountStatz statz(String account, byte[] body) throws IOException {
        JsonNode opts = body == null || body.length == 0 ? null
                : JSON.readTree(new String(body, StandardCharsets.UTF_8));
        boolean unused = opts != null && opts.path("include_unused").asBoolean(false);
        List<String> only = new ArrayList<>();
        if (PING.equals(account)) {
            if (opts != null) {
                opts.path("accounts").forEach(n -> only.add(n.asText()));
            }
        } else {
            only.add(account);
        }
        AccountStatz st = AccountStatz.of(server, only, unused);
        return st.accounts().isEmpty() && !unused ? null : st;
    }
}

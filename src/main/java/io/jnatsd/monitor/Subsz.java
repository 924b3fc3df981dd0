package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.server.NatsServer;
import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.Subjects;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code Subsz} in {@code server/monitor.go}: sublist statistics of every account,
 * and with {@code subs=1} a page of the subscriptions (those a message on {@code test} would
 * reach, when given). As in the reference, {@code total} is the size of the page, and the
 * answer is the bare statistics when the page is empty.
 */
record Subsz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonUnwrapped SublistStatz stats,
        @JsonProperty("total") int total,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("subscriptions_list") @com.fasterxml.jackson.annotation.JsonInclude(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<SubDetail> subscriptions) {

    /** The reference's {@code DefaultSubListSize}. */
    static final int LIMIT_DEFAULT = 1024;

    /** The /subsz answer for {@code q}: the statistics alone, or the whole record with a page. */
    static Object answer(NatsServer server, QueryParams q) throws BadRequestException {
        Subsz full = full(server, q);
        return full.subscriptions().isEmpty() ? full.stats() : full;
    }

    /** The whole record even when the page is empty, as the reference's {@code Subsz()} (what $SYS requests get). */
    static Subsz full(NatsServer server, QueryParams q) throws BadRequestException {
        boolean detail = q.bool("subs");
        int offset = Math.max(0, q.integer("offset"));
        int limit = q.integer("limit");
        if (limit <= 0) {
            limit = LIMIT_DEFAULT;
        }
        String test = q.get("test");
        if (!test.isEmpty() && !Subjects.isValidLiteralSubject(test)) {
            throw new BadRequestException("invalid test subject, must be valid publish subject: " + test);
        }
        String accountFilter = q.get("acc");
        Sublist.Stats sum = null;
        List<SubDetail> details = new ArrayList<>();
        for (Account a : server.accounts()) {
            if (!accountFilter.isEmpty() && !accountFilter.equals(a.name())) {
                continue;
            }
            Sublist.Stats s = a.sublist().stats();
            sum = sum == null ? s : sum.plus(s);
            if (detail) {
                collect(a, test, details);
            }
        }
        SublistStatz stats = sum == null ? new SublistStatz(0, 0, 0, 0, 0, 0, 0, 0) : SublistStatz.of(sum);
        int from = Math.min(offset, details.size());
        int to = (int) Math.min((long) offset + limit, details.size());
        List<SubDetail> page = List.copyOf(details.subList(from, to));
        return new Subsz(server.serverId(), Instant.now(), stats, page.size(), offset, limit, page);
    }

    private static void collect(Account a, String test, List<SubDetail> out) {
        a.sublist().forEach((Subscription s) -> {
            if (test.isEmpty() || Subjects.matchLiteral(test, s.subject())) {
                out.add(SubDetail.withAccount(s, a.name()));
            }
        });
    }
}

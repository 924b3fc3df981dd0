package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.account.Subscription;
import io.jnatsd.server.ClientSnapshot;

/**
 * Twin of {@code SubDetail} in {@code server/monitor.go}: one subscription in /connz
 * ({@code subs=detail}) and /subsz ({@code subs=1}, where the account is named).
 */
record SubDetail(
        @JsonProperty("account") @JsonInclude(JsonInclude.Include.NON_EMPTY) String account,
        @JsonProperty("subject") String subject,
        @JsonProperty("qgroup") @JsonInclude(JsonInclude.Include.NON_EMPTY) String queue,
        @JsonProperty("sid") String sid,
        @JsonProperty("msgs") long msgs,
        @JsonProperty("max") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long max,
        @JsonProperty("cid") long cid) {

    /** For the list under a connection: no account, as the reference's {@code newClientSubDetail}. */
    static SubDetail of(ClientSnapshot.Sub s, long cid) {
        return new SubDetail("", s.subject(), s.queue(), s.sid(), s.msgs(), s.max(), cid);
    }

    static SubDetail withAccount(Subscription s, String account) {
        return new SubDetail(account, s.subject(), s.queue() == null ? "" : s.queue(), s.sid(), s.delivered(),
                s.maxMsgs(), s.owner().connectionId());
    }
}

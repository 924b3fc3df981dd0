package io.jnatsd.jetstream.api;

import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.server.InternalConnection;

/**
 * Twin of what the reference answers for an account without JetStream on a server that runs it
 * ({@code enableJetStreamInfoServiceImportOnly} in {@code server/jetstream.go}, the {@code checkJetStream} test of
 * each handler and the system-account branch of {@code apiDispatch} in {@code server/jetstream_api.go}): every API
 * request gets 503/10039 "JetStream not enabled for account" in its handler's response type; a subject no handler
 * takes gets the bad request answer. In the system account, every request but {@code $JS.API.INFO} is answered with
 * the {@code system_response} type.
 *
 * <p>Threading: thread-safe; answers on the requester's thread (the answer is a constant).
 */
public final class NotEnabledResponder {
    private static final String INFO_SUBJECT = "$JS.API.INFO";

    private final JsApiRouter router;
    private final InternalConnection client;
    private final boolean systemAccount;

    /**
     * @param router        the router, for the handlers' response types
     * @param client        an internal client of the account
     * @param systemAccount whether the account is the system account
     */
    public NotEnabledResponder(JsApiRouter router, InternalConnection client, boolean systemAccount) {
        this.router = router;
        this.client = client;
        this.systemAccount = systemAccount;
    }

    /** Subscribes {@code $JS.API.>} (and the domain's API prefix) on the account. */
    public void attach() {
        client.subscribe(JsApiRouter.API_PREFIX + ">", null,
            (sub, subject, reply, hdr, payload) -> answer(subject, reply));
        String domain = router.domain();
        if (!domain.isEmpty()) {
            String prefix = "$JS." + domain + ".API.";
            client.subscribe(prefix + ">", null, (sub, subject, reply, hdr, payload) ->
                answer(JsApiRouter.API_PREFIX + subject.substring(prefix.length()), reply));
        }
    }

    private void answer(String subject, String reply) {
        if (reply == null || reply.isEmpty()) {
            return;
        }
        client.publish(reply, null, null, response(subject));
    }

    /**
     * @param subject a canonical API subject
     * @return the answer to a request on it
     */
    byte[] response(String subject) {
        String type = router.responseTypeFor(subject);
        if (systemAccount && !INFO_SUBJECT.equals(subject)) {
            type = JsApiRouter.SYSTEM_RESPONSE_TYPE;
        } else if (type == null) {
            return JsApiRouter.error(JsApiRouter.SYSTEM_RESPONSE_TYPE, ApiError.BAD_REQUEST.toException());
        }
        return JsApiRouter.error(type, ApiError.NOT_ENABLED_FOR_ACCOUNT.toException());
    }
}

package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Twin of {@code Import} in {@code github.com/nats-io/jwt/v2} ({@code imports.go}): one entry of
 * an account JWT's {@code imports}. Immutable.
 *
 * @param name         {@code name}, informative
 * @param service      true for {@code "type":"service"}, false for a stream
 * @param account      the exporting account's key
 * @param subject      {@code subject}: the subject in the exporting account (with {@code local_subject}, or for a
 *                     stream); for a service without {@code local_subject}, the local subject
 * @param to           {@code to} (deprecated): for a stream a prefix, for a service the remote subject; or empty
 * @param localSubject {@code local_subject}: the subject in the importing account, or empty
 * @param token        {@code token}: an activation JWT, or empty
 * @param share        {@code share}: the requestor's details go into latency measurements
 * @param allowTrace   {@code allow_trace}
 */
public record ImportClaim(String name, boolean service, String account, String subject, String to,
                          String localSubject, String token, boolean share, boolean allowTrace) {

    static ImportClaim of(JsonNode i) {
        return new ImportClaim(i.path("name").asText(""), "service".equals(i.path("type").asText()),
                i.path("account").asText(""), i.path("subject").asText(""), i.path("to").asText(""),
                i.path("local_subject").asText(""), i.path("token").asText(""), i.path("share").asBoolean(false),
                i.path("allow_trace").asBoolean(false));
    }

    /** The subject in the exporting account that this import reaches (what an activation must cover). */
    public String remoteSubject() {
        if (service && localSubject.isEmpty() && !to.isEmpty()) {
            return to;
        }
        return subject;
    }

    /** The subject clients of the importing account use: requests go to it, or streamed messages arrive on it. */
    public String localSubjectOrDefault() {
        if (!localSubject.isEmpty()) {
            return localSubject;
        }
        if (service) {
            return subject;
        }
        return to.isEmpty() ? subject : to + "." + subject;
    }

    /** For a stream without {@code local_subject}: the deprecated {@code to} prefix, or empty. */
    public String streamPrefix() {
        return service || !localSubject.isEmpty() ? "" : to;
    }
}

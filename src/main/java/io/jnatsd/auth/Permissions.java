package io.jnatsd.auth;

import java.time.Duration;
import java.util.List;

/**
 * Twin of {@code Permissions}, {@code SubjectPermission} and {@code ResponsePermission} in
 * {@code server/auth.go}: what a user may publish and subscribe to, as configured. Immutable.
 *
 * <p>A null {@link SubjectPermission#allow()} means "everything", an empty one "nothing"
 * (the reference turns {@code allow_responses} into an empty publish allow list, so that only
 * replies may be published).
 *
 * @param publish   publish rules, or null for none
 * @param subscribe subscribe rules (entries may name a queue: {@code "foo.* q"}), or null for none
 * @param response  dynamic reply permissions ({@code allow_responses}), or null for none
 */
public record Permissions(SubjectPermission publish, SubjectPermission subscribe, ResponsePermission response) {

    /** The reference's DEFAULT_ALLOW_RESPONSE_MAX_MSGS. */
    public static final int RESPONSE_MAX_MSGS_DEFAULT = 1;
    /** The reference's DEFAULT_ALLOW_RESPONSE_EXPIRATION. */
    public static final Duration RESPONSE_EXPIRES_DEFAULT = Duration.ofMinutes(2);

    /**
     * Allow and deny lists of subjects (with wildcards).
     *
     * @param allow null when not given (all allowed), else the allowed subjects
     * @param deny  the denied subjects; empty when none
     */
    public record SubjectPermission(List<String> allow, List<String> deny) {
        public SubjectPermission {
            allow = allow == null ? null : List.copyOf(allow);
            deny = deny == null ? List.of() : List.copyOf(deny);
        }
    }

    /**
     * How many replies, for how long, a client that received a request may publish.
     *
     * @param maxMsgs replies per request; negative for no limit
     * @param expires how long the grant lasts; negative for ever
     */
    public record ResponsePermission(int maxMsgs, Duration expires) {
        public static final ResponsePermission DEFAULT =
                new ResponsePermission(RESPONSE_MAX_MSGS_DEFAULT, RESPONSE_EXPIRES_DEFAULT);
    }

    /** Whether any publish rule applies. */
    public boolean checksPublish() {
        return publish != null && (publish.allow() != null || !publish.deny().isEmpty());
    }
}

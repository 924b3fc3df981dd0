package io.jnatsd.subject;

/**
 * Twin of {@code ErrBadSubject}, the {@code ErrMappingDestination*} errors and {@code mappingDestinationErr} of
 * `server/errors.go`: why a subject transform (mapping) could not be built. The message is the reference's text,
 * so it can be shown to clients and in config errors unchanged.
 */
public final class SubjectTransformException extends IllegalArgumentException {

    /** The reference error behind the exception, with its text. */
    public enum Reason {
        /** {@code ErrBadSubject}. */
        BAD_SUBJECT("invalid subject"),
        /** {@code ErrInvalidMappingDestinationSubject}. */
        INVALID_DESTINATION_SUBJECT("invalid mapping destination: invalid transform"),
        /** {@code ErrMappingDestinationNotUsingAllWildcards}. */
        NOT_USING_ALL_WILDCARDS("invalid mapping destination: not using all of the token wildcard(s)"),
        /** {@code ErrUnknownMappingDestinationFunction}. */
        UNKNOWN_FUNCTION("invalid mapping destination: unknown function"),
        /** {@code ErrMappingDestinationIndexOutOfRange}. */
        INDEX_OUT_OF_RANGE("invalid mapping destination: wildcard index out of range"),
        /** {@code ErrMappingDestinationNotEnoughArgs}. */
        NOT_ENOUGH_ARGS("invalid mapping destination: not enough arguments passed to the function"),
        /** {@code ErrMappingDestinationInvalidArg}. */
        INVALID_ARG("invalid mapping destination: function argument is invalid or in the wrong format"),
        /** {@code ErrMappingDestinationTooManyArgs}. */
        TOO_MANY_ARGS("invalid mapping destination: too many arguments passed to the function"),
        /** {@code ErrMappingDestinationNotSupportedForImport}. */
        NOT_SUPPORTED_FOR_IMPORT("invalid mapping destination: the only mapping function allowed for import "
                + "transforms is {{Wildcard()}}");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The reference's error text. */
        public String text() {
            return text;
        }

        /** Whether the reference's {@code errors.Is(err, ErrInvalidMappingDestination)} holds. */
        public boolean isInvalidMappingDestination() {
            return this != BAD_SUBJECT;
        }
    }

    private final Reason reason;
    private final String token;

    /** An error about the whole transform (no token named). */
    public SubjectTransformException(Reason reason) {
        this(reason, null);
    }

    /** An error about one destination token; the message reads "{reason} in {token}", as the reference's. */
    public SubjectTransformException(Reason reason, String token) {
        super(token == null || token.isEmpty() ? reason.text() : reason.text() + " in " + token);
        this.reason = reason;
        this.token = token;
    }

    /** Which reference error this is. */
    public Reason reason() {
        return reason;
    }

    /** The offending destination token, or null. */
    public String token() {
        return token;
    }
}

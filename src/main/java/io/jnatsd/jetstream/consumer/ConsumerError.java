package io.jnatsd.jetstream.consumer;

/**
 * A JetStream API error as the reference's {@code ApiError} carries it: HTTP-like code, the error code of
 * {@code server/errors.json} and the description with its placeholders filled.
 *
 * @param code        the HTTP-like status (400, 404, 500, ...)
 * @param errCode     the JetStream error code (10013, ...)
 * @param description the text
 */
public record ConsumerError(int code, int errCode, String description) {
}

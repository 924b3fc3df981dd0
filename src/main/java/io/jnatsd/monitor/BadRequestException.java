package io.jnatsd.monitor;

/**
 * A query the reference answers with {@code 400 Bad Request} and a plain-text reason. The
 * message is that reason, word for word. Cold path: thrown while decoding a request.
 */
final class BadRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message, null, false, false);
    }
}

package io.jnatsd.auth.callout;

/** Why the auth callout refused a client, in the reference's words (for the log only, never the client). */
final class CalloutException extends Exception {

    CalloutException(String message) {
        super(message, null, false, false);
    }
}

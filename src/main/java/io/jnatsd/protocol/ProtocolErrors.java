package io.jnatsd.protocol;

/**
 * The exact {@code -ERR} texts of the reference (client.go, errors.go), so that clients that
 * match on them keep working. One constant per text, used everywhere the text is sent.
 */
public final class ProtocolErrors {

    public static final String UNKNOWN_PROTOCOL_OPERATION = "Unknown Protocol Operation";
    public static final String MAX_CONTROL_LINE_EXCEEDED = "maximum control line exceeded";
    public static final String MAX_PAYLOAD_VIOLATION = "Maximum Payload Violation";
    public static final String INVALID_SUBJECT = "Invalid Subject";
    public static final String INVALID_PUBLISH_SUBJECT = "Invalid Publish Subject";
    public static final String STALE_CONNECTION = "Stale Connection";
    public static final String MAX_CONNECTIONS_EXCEEDED = "maximum connections exceeded";
    public static final String MAX_SUBSCRIPTIONS_EXCEEDED = "maximum subscriptions exceeded";
    public static final String AUTHORIZATION_VIOLATION = "Authorization Violation";
    /** Sent before closing a client refused by the tls {@code connection_rate_limit}. */
    public static final String TLS_THROTTLED = "Connection throttling is active. Please try again later.";
    public static final String AUTHENTICATION_TIMEOUT = "Authentication Timeout";
    public static final String AUTHENTICATION_EXPIRED = "User Authentication Expired";
    public static final String INVALID_CLIENT_PROTOCOL = "invalid client protocol";
    public static final String NO_RESPONDERS_REQUIRES_HEADERS = "no responders requires headers support";

    private ProtocolErrors() {
    }
}

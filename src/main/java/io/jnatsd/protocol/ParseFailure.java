package io.jnatsd.protocol;

/**
 * Why the parser gave up on a connection. Each kind says whether the reference sends an
 * {@code -ERR} before it closes (parser.go {@code parseErr}, {@code overMaxControlLineLimit},
 * client.go {@code processPub} and friends).
 */
public enum ParseFailure {

    /** An op the protocol does not have, or bytes where an op was expected. */
    UNKNOWN_OPERATION(ProtocolErrors.UNKNOWN_PROTOCOL_OPERATION),
    /** A control line longer than {@code max_control_line}. */
    MAX_CONTROL_LINE(ProtocolErrors.MAX_CONTROL_LINE_EXCEEDED),
    /** A PUB or HPUB whose size is over {@code max_payload}. */
    MAX_PAYLOAD(ProtocolErrors.MAX_PAYLOAD_VIOLATION),
    /** Arguments that do not parse (wrong count, bad size); the reference closes silently. */
    BAD_ARGUMENTS(null),
    /** HPUB from a client that did not ask for headers in CONNECT; closed silently. */
    HEADERS_NOT_SUPPORTED(null),
    /** An {@code -ERR} sent by the client; the reference logs it and closes. */
    CLIENT_ERROR(null);

    private final String errText;

    ParseFailure(String errText) {
        this.errText = errText;
    }

    /** The {@code -ERR} text to send before closing, or {@code null} to close silently. */
    public String errText() {
        return errText;
    }
}

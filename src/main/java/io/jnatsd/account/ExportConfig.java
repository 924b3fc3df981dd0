package io.jnatsd.account;

import java.util.List;

/**
 * One entry of an account's {@code exports} ({@code parseExportStreamOrService} in
 * {@code server/opts.go}). Immutable.
 *
 * @param service      true for a service export, false for a stream
 * @param subject      the exported subject (wildcards allowed)
 * @param accounts     the accounts allowed to import it; empty for public
 * @param responseType for a service: how many responses a request may get
 * @param latency      for a service: its latency tracking ({@code latency}), or null for none
 * @param allowTrace   for a service: whether message traces cross it ({@code allow_trace})
 */
public record ExportConfig(boolean service, String subject, List<String> accounts, ResponseType responseType,
                           LatencyConfig latency, boolean allowTrace) {

    /** An export without latency tracking or tracing. */
    public ExportConfig(boolean service, String subject, List<String> accounts, ResponseType responseType) {
        this(service, subject, accounts, responseType, null, false);
    }

    /** Twin of {@code ServiceRespType} in {@code server/accounts.go}. */
    public enum ResponseType {
        /** One response per request (the default). */
        SINGLETON("Singleton"),
        /** Any number of responses until the reply mapping times out. */
        STREAM("Stream"),
        /** Any number of responses, for responses that come in chunks. */
        CHUNKED("Chunked");

        private final String text;

        ResponseType(String text) {
            this.text = text;
        }

        /** The reference's name of the type, as /accountz shows it. */
        public String text() {
            return text;
        }
    }

    public ExportConfig {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        responseType = responseType == null ? ResponseType.SINGLETON : responseType;
    }

    /** Whether {@code account} may import this export. */
    public boolean allows(String account) {
        return accounts.isEmpty() || accounts.contains(account);
    }
}

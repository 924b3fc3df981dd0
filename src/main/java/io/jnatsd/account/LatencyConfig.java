package io.jnatsd.account;

/**
 * Twin of {@code serviceLatency} in {@code server/accounts.go}: a service export's
 * {@code latency { sampling, subject }}. Immutable.
 *
 * @param samplingPercent the share of requests measured, 1 to 100, or {@link #SAMPLING_HEADERS}
 *                        when the request's tracing headers decide
 * @param subject         where the measurements are published, in the exporting account
 */
public record LatencyConfig(int samplingPercent, String subject) {

    /** The reference's DEFAULT_SERVICE_LATENCY_SAMPLING. */
    public static final int SAMPLING_DEFAULT = 100;
    /** {@code sampling: headers}: measure the requests whose tracing headers ask for it. */
    public static final int SAMPLING_HEADERS = 0;
}

package io.jnatsd.account.latency;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.LatencyConfig;
import io.jnatsd.server.ClientSnapshot;
import io.jnatsd.server.InternalConnection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Twin of {@code TrackServiceExportWithSampling}, {@code sendTrackingLatency} and
 * {@code sendBadRequestTrackingLatency} in {@code server/accounts.go}: the latency tracking of
 * one service import of a tracked export. A request that is sampled becomes a {@link Sample}
 * that travels with the reply route; when the response comes back through the import, the
 * measurement is published on the export's latency subject in the exporting account.
 *
 * <p>Immutable; thread-safe. Each method runs on the thread of the connection whose message
 * it handles (the requestor's, then the responder's), where their state may be read.
 */
public final class LatencyTracking {

    private final LatencyConfig config;
    private final boolean share;
    private final InternalConnection exporter;
    private final Supplier<String> serverName;

    /**
     * @param share      whether the import shares the requestor's details ({@code share: true})
     * @param exporter   an internal client of the exporting account, which publishes the results
     * @param serverName this server's name (known once it listens)
     */
    public LatencyTracking(LatencyConfig config, boolean share, InternalConnection exporter,
                           Supplier<String> serverName) {
        this.config = config;
        this.share = share;
        this.exporter = exporter;
        this.serverName = serverName;
    }

    /**
     * A request crossed the import. Requestor's thread.
     *
     * @param hasReply whether the request can be answered; one that cannot is reported at once
     *                 as the reference's 400 Bad Request
     * @return the sample to complete with the response, or null when it is not measured
     */
    public Sample onRequest(byte[] headers, Object requestorOrigin, boolean hasReply) {
        Map<String, List<String>> header = LatencySampling.decide(config, headers);
        if (header == null) {
            return null;
        }
        ClientSnapshot requestor = InternalConnection.describePublisher(requestorOrigin);
        ObjectNode info = requestor == null ? null : ServiceLatencyJson.clientInfo(requestor, share, serverName.get());
        long requestorRttNanos = requestor == null ? 0 : requestor.rttNanos();
        if (!hasReply) {
            Instant start = Instant.now().minusNanos(requestorRttNanos);
            publish(new ServiceLatencyJson.Measurement(400, "Bad Request", info, null, header, start, 0, 0, 0));
            return null;
        }
        return new Sample(System.nanoTime(), Instant.now(), info, requestorRttNanos, header);
    }

    private void publish(ServiceLatencyJson.Measurement m) {
        exporter.publish(config.subject(), null, null, ServiceLatencyJson.encode(m));
    }

    /** One measured request, waiting for its response. */
    public final class Sample {

        private final long startNanos;
        private final Instant arrived;
        private final ObjectNode requestor;
        private final long requestorRttNanos;
        private final Map<String, List<String>> header;
        private final AtomicBoolean measured = new AtomicBoolean();

        private Sample(long startNanos, Instant arrived, ObjectNode requestor, long requestorRttNanos,
                       Map<String, List<String>> header) {
            this.startNanos = startNanos;
            this.arrived = arrived;
            this.requestor = requestor;
            this.requestorRttNanos = requestorRttNanos;
            this.header = header;
        }

        /** A response came back through the import; only the first is measured. Responder's thread. */
        public void onResponse(Object responderOrigin) {
            if (!measured.compareAndSet(false, true)) {
                return;
            }
            long nowNanos = System.nanoTime();
            long serviceRttNanos = nowNanos - startNanos;
            ClientSnapshot responder = InternalConnection.describePublisher(responderOrigin);
            long responderRttNanos = responder == null ? 0 : responder.rttNanos();
            long total = requestorRttNanos + serviceRttNanos;
            long system = 0;
            if (responderRttNanos > 0) {
                system = System.nanoTime() - nowNanos;
                total += system;
            }
            publish(new ServiceLatencyJson.Measurement(200, null, requestor,
                    responder == null ? null : ServiceLatencyJson.clientInfo(responder, true, serverName.get()),
                    header, arrived.minusNanos(requestorRttNanos), serviceRttNanos - responderRttNanos, system, total));
        }
    }
}

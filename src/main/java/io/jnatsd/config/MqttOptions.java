package io.jnatsd.config;

import java.time.Duration;

/**
 * Twin of {@code MQTTOpts} in {@code server/opts.go}: the {@code mqtt {}} block, with the
 * reference's defaults ({@code mqttDefaultAckWait}, {@code mqttDefaultMaxAckPending},
 * {@code mqttDefaultJSAPITimeout} in {@code server/mqtt.go}). jnatsd reads and checks it but does
 * not open an MQTT listener yet. Immutable; {@link #toString()} shows no secret.
 *
 * @param host                      listen host ({@code 0.0.0.0} once a port is set)
 * @param port                      listen port, 0 for none, -1 for random
 * @param tls                       whether a {@code tls {}} block is given
 * @param user                      mqtt-only user, or null
 * @param password                  its password, or null
 * @param token                     mqtt-only token, or null
 * @param authTimeout               auth timeout of the block, or null for the server's
 * @param noAuthUser                the user a client without credentials is taken for, or null
 * @param ackWait                   redelivery wait of QoS 1 messages
 * @param jsApiTimeout              timeout of the JetStream requests MQTT makes
 * @param maxAckPending             unacknowledged QoS 1 messages per subscription (0..65535)
 * @param jsDomain                  JetStream domain to use, or null
 * @param streamReplicas            replicas of the MQTT streams, 0 for automatic
 * @param consumerReplicas          ignored by the reference now (a warning), kept as read
 * @param consumerMemoryStorage     keep MQTT consumers in memory
 * @param consumerInactiveThreshold how long an idle MQTT consumer lives, null for the default
 * @param rejectQos2Publish         refuse QoS 2 publishes
 * @param downgradeQos2Subscribe    grant QoS 1 to QoS 2 subscriptions
 */
public record MqttOptions(String host, int port, boolean tls, String user, String password, String token,
                          Duration authTimeout, String noAuthUser, Duration ackWait, Duration jsApiTimeout,
                          int maxAckPending, String jsDomain, int streamReplicas, int consumerReplicas,
                          boolean consumerMemoryStorage, Duration consumerInactiveThreshold,
                          boolean rejectQos2Publish, boolean downgradeQos2Subscribe) {

    public static final Duration ACK_WAIT_DEFAULT = Duration.ofSeconds(30);
    public static final Duration JS_API_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
    public static final int MAX_ACK_PENDING_DEFAULT = 1024;
    public static final int MAX_ACK_PENDING_LIMIT = 0xFFFF;
    /** No mqtt block. */
    public static final MqttOptions NONE = new MqttOptions("", 0, false, null, null, null, null, null,
            ACK_WAIT_DEFAULT, JS_API_TIMEOUT_DEFAULT, MAX_ACK_PENDING_DEFAULT, null, 0, 0, false, null, false, false);

    /** Whether a listener is asked for: the reference ignores the rest of the block without a port. */
    public boolean configured() {
        return port != 0;
    }

    @Override
    public String toString() {
        return "MqttOptions[host=" + host + ", port=" + port + ", tls=" + tls + ", user=" + user + ", password="
                + (password == null ? "null" : "[REDACTED]") + ", token=" + (token == null ? "null" : "[REDACTED]")
                + ", noAuthUser=" + noAuthUser + ", ackWait=" + ackWait + ", jsApiTimeout=" + jsApiTimeout
                + ", maxAckPending=" + maxAckPending + ", jsDomain=" + jsDomain + ", streamReplicas=" + streamReplicas
                + ", consumerMemoryStorage=" + consumerMemoryStorage + ", consumerInactiveThreshold="
                + consumerInactiveThreshold + ", rejectQos2Publish=" + rejectQos2Publish
                + ", downgradeQos2Subscribe=" + downgradeQos2Subscribe + "]";
    }
}

package io.jnatsd.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseMQTT} in {@code server/opts.go} and the block-local checks of
 * {@code validateMQTTOptions} in {@code server/mqtt.go}: reads {@code mqtt {}} into
 * {@link MqttOptions}. Checks that need other options (JetStream, users, cluster) are in
 * {@link OptionsValidator}. Stateless.
 */
final class MqttOptionsReader {

    private MqttOptionsReader() {
    }

    static MqttOptions read(ConfValue block, List<String> warnings) throws ConfException {
        if (!block.isMap()) {
            throw new ConfException(block.reportPosition(), "Expected mqtt to be a map, got " + block.typeName(),
                    "mqtt");
        }
        BlockValues.checkKeys(block, ConfKeys.MQTT, "mqtt");
        Fields f = new Fields();
        for (Map.Entry<String, ConfValue> e : block.asMap().entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            f.read(key, e.getValue());
            if (key.equals("consumer_replicas")) {
                warnings.add(e.getValue().reportPosition() + ": consumer_replicas: consumer replicas setting ignored"
                        + " in this server version");
            }
        }
        if (f.port != 0 && f.host.isEmpty()) {
            f.host = BlockValues.DEFAULT_HOST;
        }
        MqttOptions o = new MqttOptions(f.host, f.port, f.tls, f.auth.user(), f.auth.password(), f.auth.token(),
                f.auth.timeout(), f.noAuthUser, f.ackWait, f.jsApiTimeout, f.maxAckPending, f.jsDomain,
                f.streamReplicas, f.consumerReplicas, f.consumerMemoryStorage, f.consumerInactiveThreshold,
                f.rejectQos2Publish, f.downgradeQos2Subscribe);
        validate(o, block);
        BlockValues.warnEach("mqtt", block, warnings);
        return o;
    }

    /** The block's fields while it is read. */
    private static final class Fields {
        String host = "";
        int port;
        boolean tls;
        BlockValues.SimpleAuth auth = BlockValues.SimpleAuth.NONE;
        String noAuthUser;
        Duration ackWait = MqttOptions.ACK_WAIT_DEFAULT;
        Duration jsApiTimeout = MqttOptions.JS_API_TIMEOUT_DEFAULT;
        int maxAckPending = MqttOptions.MAX_ACK_PENDING_DEFAULT;
        String jsDomain;
        int streamReplicas;
        int consumerReplicas;
        boolean consumerMemoryStorage;
        Duration consumerInactiveThreshold;
        boolean rejectQos2Publish;
        boolean downgradeQos2Subscribe;

        void read(String key, ConfValue v) throws ConfException {
            switch (key) {
                case "listen" -> {
                    ServerOptionsReader.HostPort hp = BlockValues.listen(v);
                    host = hp.host() == null ? host : hp.host();
                    port = hp.port();
                }
                case "port" -> port = BlockValues.integer(v);
                case "host", "net" -> host = BlockValues.string(v);
                case "tls" -> tls = BlockValues.tls(v);
                case "authorization", "authentication" -> auth = BlockValues.SimpleAuth.read(v, "mqtt");
                case "no_auth_user" -> noAuthUser = BlockValues.string(v);
                case "ack_wait", "ackwait" -> ackWait = BlockValues.duration(v, "ack_wait");
                case "js_api_timeout", "api_timeout" -> jsApiTimeout = BlockValues.duration(v, "js_api_timeout");
                case "max_ack_pending", "max_pending", "max_inflight" -> maxAckPending = maxAckPending(v);
                case "js_domain" -> jsDomain = BlockValues.string(v);
                case "stream_replicas" -> streamReplicas = BlockValues.integer(v);
                case "consumer_replicas" -> consumerReplicas = BlockValues.integer(v);
                case "consumer_memory_storage" -> consumerMemoryStorage = BlockValues.bool(v);
                case "consumer_inactive_threshold", "consumer_auto_cleanup" ->
                        consumerInactiveThreshold = BlockValues.duration(v, "consumer_inactive_threshold");
                case "reject_qos2_publish" -> rejectQos2Publish = BlockValues.bool(v);
                case "downgrade_qos2_subscribe" -> downgradeQos2Subscribe = BlockValues.bool(v);
                default -> {
                    // a key only used as a variable
                }
            }
        }
    }

    private static int maxAckPending(ConfValue v) throws ConfException {
        int n = BlockValues.integer(v);
        if (n < 0 || n > MqttOptions.MAX_ACK_PENDING_LIMIT) {
            throw new ConfException(v.reportPosition(), "invalid value " + n + ", should in [0.."
                    + MqttOptions.MAX_ACK_PENDING_LIMIT + "] range", Integer.toString(n));
        }
        return n;
    }

    /** The checks of {@code validateMQTTOptions} that need only this block. */
    static void validate(MqttOptions o, ConfValue at) throws ConfException {
        if (!o.configured()) {
            return;
        }
        if (o.ackWait().isNegative()) {
            throw new ConfException(at.reportPosition(), "ack wait must be a positive value", "ack_wait");
        }
        if (o.jsApiTimeout().isNegative()) {
            throw new ConfException(at.reportPosition(), "JS API timeout must be a positive value", "js_api_timeout");
        }
        if (o.consumerReplicas() > 0 && o.streamReplicas() > 0 && o.consumerReplicas() > o.streamReplicas()) {
            throw new ConfException(at.reportPosition(), "mqtt: consumer_replicas (" + o.consumerReplicas()
                    + ") cannot be higher than stream_replicas (" + o.streamReplicas() + ")", "consumer_replicas");
        }
    }
}

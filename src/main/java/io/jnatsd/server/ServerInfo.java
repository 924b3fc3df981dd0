package io.jnatsd.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.protocol.Ops;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Twin of {@code Info} in {@code server/server.go}: the INFO a server sends, with the
 * reference's field names and order and its omit-when-empty rules. Holds the server-wide part;
 * {@link #encodeForClient} adds what is per connection. Thread-safe: the template is replaced
 * whole, never changed in place.
 */
public final class ServerInfo {

    /** The reference version whose client-visible behaviour jnatsd matches; clients switch features on it. */
    public static final String REFERENCE_VERSION = "2.10.0";
    /**
     * The JetStream API level jnatsd fully supports (the reference's {@code JSApiLevel}, 5 in 2.14): 1 is the
     * 2.11 set (per-message TTLs, subject delete markers, consumer pause), 2 the 2.12 set (counters, atomic batch
     * publishing, message schedules, {@code persist_mode: async}, which jnatsd accepts and keeps durable), 3 adds a
     * snapshot request's {@code window_size}. Level 4 also needs the {@code flow_control} ack policy and durable
     * sourcing, which jnatsd does not have, so it does not claim more.
     */
    public static final int JS_API_LEVEL = 3;
    /** Protocol level: the server sends async INFO to clients that ask for it. */
    public static final int PROTO = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serverId;
    private final String serverName;
    private final String host;
    private final int port;
    private final boolean headers;
    private volatile int maxPayload;
    private final boolean jetStream;
    private volatile boolean authRequired;
    private volatile boolean tlsRequired;
    private volatile boolean tlsVerify;
    private volatile boolean tlsAvailable;
    private volatile boolean lameDuck;
    private volatile List<String> connectUrls = List.of();
    private volatile String cluster;
    private volatile boolean clusterDynamic;
    private volatile String xkey;

    public ServerInfo(String serverId, String serverName, String host, int port, boolean headers,
                      int maxPayload, boolean jetStream) {
        this.serverId = serverId;
        this.serverName = serverName;
        this.host = host;
        this.port = port;
        this.headers = headers;
        this.maxPayload = maxPayload;
        this.jetStream = jetStream;
    }

    public String serverId() {
        return serverId;
    }

    public String serverName() {
        return serverName;
    }

    public void setAuthRequired(boolean authRequired) {
        this.authRequired = authRequired;
    }

    /** A reload changed {@code max_payload}: INFO sent from now on says so. Thread-safe. */
    public void setMaxPayload(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /**
     * TLS on the client port: {@code required} unless {@code allow_non_tls}, in which case
     * TLS is only {@code tls_available}, as {@code NewServer} sets them.
     */
    public void setTls(boolean required, boolean verify) {
        this.tlsRequired = required;
        this.tlsVerify = verify;
        this.tlsAvailable = !required;
    }

    /** The server's public curve key ({@code X...}), sent as {@code xkey}, as the reference always does. */
    public void setXKey(String xkey) {
        this.xkey = xkey;
    }

    public void setLameDuck(boolean lameDuck) {
        this.lameDuck = lameDuck;
    }

    /** Whether INFO says {@code auth_required}. Thread-safe. */
    public boolean authRequired() {
        return authRequired;
    }

    public boolean lameDuck() {
        return lameDuck;
    }

    /** The cluster's client URLs sent in INFO; empty for a lone server. */
    public List<String> connectUrls() {
        return connectUrls;
    }

    public void setConnectUrls(List<String> urls) {
        this.connectUrls = List.copyOf(urls);
    }

    /** The cluster this server is in (sent to clients as {@code cluster}); null for none. */
    public void setCluster(String name, boolean dynamic) {
        this.cluster = name;
        this.clusterDynamic = dynamic;
    }

    /**
     * The INFO line for one client: {@code INFO {...}\r\n}.
     *
     * @param clientId    the connection's cid
     * @param clientIp    the client's address, or null
     * @param nonce       the nonce to sign, or null
     * @param connectInfoAccount for the INFO that answers the first PING after CONNECT, the name
     *                           of the client's account (sent with {@code connect_info} as
     *                           {@code remote_account}); null for any other INFO
     */
    public byte[] encodeForClient(long clientId, String clientIp, String nonce, String connectInfoAccount) {
        ObjectNode info = JSON.createObjectNode();
        info.put("server_id", serverId);
        info.put("server_name", serverName);
        info.put("version", REFERENCE_VERSION);
        info.put("proto", PROTO);
        info.put("go", "java" + Runtime.version().feature());
        info.put("host", host);
        info.put("port", port);
        info.put("headers", headers);
        putIfTrue(info, "auth_required", authRequired);
        putIfTrue(info, "tls_required", tlsRequired);
        putIfTrue(info, "tls_verify", tlsVerify);
        putIfTrue(info, "tls_available", tlsAvailable);
        info.put("max_payload", maxPayload);
        putIfTrue(info, "jetstream", jetStream);
        info.put("api_lvl", JS_API_LEVEL);
        if (clientId > 0) {
            info.put("client_id", clientId);
        }
        putIfPresent(info, "client_ip", clientIp);
        putIfPresent(info, "nonce", nonce);
        putIfPresent(info, "cluster", cluster);
        putIfTrue(info, "cluster_dynamic", cluster != null && clusterDynamic);
        List<String> urls = connectUrls;
        if (!urls.isEmpty()) {
            ArrayNode array = info.putArray("connect_urls");
            urls.forEach(array::add);
        }
        putIfTrue(info, "ldm", lameDuck);
        putIfTrue(info, "connect_info", connectInfoAccount != null);
        putIfPresent(info, "remote_account", connectInfoAccount);
        putIfPresent(info, "xkey", xkey);
        byte[] json = info.toString().getBytes(StandardCharsets.UTF_8);
        // The reference writes "INFO %s \r\n": a space stands between the JSON and the CRLF.
        byte[] line = new byte[Ops.INFO_PREFIX.length + json.length + 3];
        System.arraycopy(Ops.INFO_PREFIX, 0, line, 0, Ops.INFO_PREFIX.length);
        System.arraycopy(json, 0, line, Ops.INFO_PREFIX.length, json.length);
        line[line.length - 3] = ' ';
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }

    private static void putIfTrue(ObjectNode node, String field, boolean value) {
        if (value) {
            node.put(field, true);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}

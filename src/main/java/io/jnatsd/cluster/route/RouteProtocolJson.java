package io.jnatsd.cluster.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.Permissions;
import io.jnatsd.protocol.Ops;
import io.jnatsd.server.ServerInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Twin of the route halves of {@code Info} and {@code connectInfo} ({@code server/server.go},
 * {@code server/route.go}): the INFO a server sends on a route and the CONNECT a soliciting
 * server sends, with the reference's field names, plus reading them back. Stateless.
 */
final class RouteProtocolJson {

    /** The route protocol level the reference speaks ({@code MsgTraceProto}: accounts and message tracing). */
    static final int ROUTE_PROTO = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteProtocolJson() {
    }

    /**
     * What this server says about itself on routes; the per-connection parts are added when sent.
     * {@code tlsRequired} sets {@code tls_required} and {@code tls_verify}; {@code permissions} (or null) gives
     * {@code import} and {@code export}.
     */
    record LocalInfo(String serverId, String serverName, String host, int port, boolean headers, int maxPayload,
                     boolean authRequired, String cluster, boolean dynamic, List<String> connectUrls, String ip,
                     boolean lameDuck, boolean tlsRequired, Permissions permissions) {
    }

    /** The fields of a peer's route INFO that routing acts on; {@code raw} is kept to gossip it on. */
    record PeerInfo(String id, String name, String host, int port, String cluster, boolean dynamic, boolean headers,
                    boolean authRequired, String ip, List<String> connectUrls, boolean lameDuck, int proto,
                    int poolSize, ObjectNode raw) {

        /** The peer's route compression mode; empty from a server without compression support. */
        String compression() {
            JsonNode v = raw.get("compression");
            return v == null || v.isNull() ? "" : v.asText();
        }

        /** The pool index a dialling pooled peer gives this connection ({@code route_pool_idx}), else 0. */
        int poolIndex() {
            return raw.path("route_pool_idx").asInt();
        }

        /** The request id of an account's move to dedicated routes ({@code route_acc_add_reqid}), or empty. */
        String accountMoveId() {
            return text(raw, "route_acc_add_reqid");
        }

        /** The pinned account this connection is dedicated to ({@code route_account}), or empty. */
        String routeAccount() {
            return text(raw, "route_account");
        }
    }

    /** The fields of a route CONNECT that routing acts on. */
    record PeerConnect(String name, String cluster, boolean dynamic, boolean headers, String user, String pass,
                       String lang, String gateway) {
    }

    /**
     * The pooling fields of a route INFO (all left out when zero or empty, as the reference's omitempty).
     *
     * @param poolSize  {@code route_pool_size}: this server's pool size, 0 without pooling (every INFO)
     * @param poolIndex {@code route_pool_idx}: the slot a dialled connection took (first INFO only)
     * @param account   {@code route_account}: the pinned account of a dedicated route (first INFO only), or null
     */
    record PoolFields(int poolSize, int poolIndex, String account) {

        static final PoolFields NONE = new PoolFields(0, 0, null);
    }

    /**
     * @param compression the {@code compression} field, or null to leave it out (a server that behaves as
     *                    one without compression support)
     */
    static byte[] infoLine(LocalInfo i, String nonce, String compression) {
        return infoLine(i, nonce, compression, PoolFields.NONE);
    }

    /** As {@link #infoLine(LocalInfo, String, String)}, with the pooling fields. */
    static byte[] infoLine(LocalInfo i, String nonce, String compression, PoolFields pool) {
        ObjectNode n = JSON.createObjectNode();
        n.put("server_id", i.serverId());
        n.put("server_name", i.serverName());
        n.put("version", ServerInfo.REFERENCE_VERSION);
        n.put("proto", ROUTE_PROTO);
        n.put("go", "java" + Runtime.version().feature());
        n.put("host", i.host());
        n.put("port", i.port());
        n.put("headers", i.headers());
        if (i.authRequired()) {
            n.put("auth_required", true);
        }
        if (i.tlsRequired()) {
            n.put("tls_required", true);
            n.put("tls_verify", true);
        }
        n.put("max_payload", i.maxPayload());
        if (nonce != null) {
            n.put("nonce", nonce);
        }
        n.put("cluster", i.cluster());
        if (i.dynamic()) {
            n.put("cluster_dynamic", true);
        }
        if (!i.connectUrls().isEmpty()) {
            ArrayNode urls = n.putArray("connect_urls");
            i.connectUrls().forEach(urls::add);
        }
        if (i.ip() != null && !i.ip().isEmpty()) {
            n.put("ip", i.ip());
        }
        if (i.permissions() != null) {
            putPermission(n, "import", i.permissions().publish());
            putPermission(n, "export", i.permissions().subscribe());
        }
        if (i.lameDuck()) {
            n.put("ldm", true);
        }
        n.put("lnoc", true);
        if (compression != null) {
            n.put("compression", compression);
        }
        putPoolFields(n, pool);
        byte[] plain = line(Ops.INFO_PREFIX, n);
        // The first INFO on a route ends with " \r\n", as the reference's generated route INFO does.
        byte[] out = new byte[plain.length + 1];
        System.arraycopy(plain, 0, out, 0, plain.length - 2);
        out[out.length - 3] = ' ';
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    /** {@code "field":{"allow":[...],"deny":[...]}} as the reference's {@code SubjectPermission}, omitting empties. */
    private static void putPermission(ObjectNode n, String field, Permissions.SubjectPermission p) {
        if (p == null) {
            return;
        }
        ObjectNode o = n.putObject(field);
        if (p.allow() != null && !p.allow().isEmpty()) {
            ArrayNode a = o.putArray("allow");
            p.allow().forEach(a::add);
        }
        if (!p.deny().isEmpty()) {
            ArrayNode d = o.putArray("deny");
            p.deny().forEach(d::add);
        }
    }

    private static void putPoolFields(ObjectNode n, PoolFields pool) {
        if (pool.poolSize() > 0) {
            n.put("route_pool_size", pool.poolSize());
        }
        if (pool.poolIndex() != 0) {
            n.put("route_pool_idx", pool.poolIndex());
        }
        if (pool.account() != null && !pool.account().isEmpty()) {
            n.put("route_account", pool.account());
        }
    }

    /**
     * The INFO that tells a peer {@code account} moves to dedicated routes (the reference's reload sends an
     * {@code Info} with only {@code route_pool_size}, {@code route_account} and {@code route_acc_add_reqid}).
     */
    static byte[] accountMoveLine(int poolSize, String account, String requestId) {
        ObjectNode n = JSON.createObjectNode();
        n.put("server_id", "");
        putPoolFields(n, new PoolFields(poolSize, 0, account));
        n.put("route_acc_add_reqid", requestId);
        return line(Ops.INFO_PREFIX, n);
    }

    /** The peer's answer to {@link #accountMoveLine}: its request echoed without the account. */
    static byte[] accountMoveReply(PeerInfo request) {
        ObjectNode n = request.raw().deepCopy();
        n.remove("route_account");
        return line(Ops.INFO_PREFIX, n);
    }

    /** A peer's INFO with {@code ip} set and the nonce dropped, to tell the other routes about it. */
    static byte[] gossipLine(PeerInfo peer, String ip) {
        ObjectNode n = peer.raw().deepCopy();
        n.remove("nonce");
        n.put("ip", ip);
        return line(Ops.INFO_PREFIX, n);
    }

    static byte[] connectLine(String user, String pass, String serverId, boolean headers, String cluster,
                              boolean dynamic, boolean tlsRequired) {
        ObjectNode n = JSON.createObjectNode();
        n.put("echo", true);
        n.put("verbose", false);
        n.put("pedantic", false);
        if (user != null && !user.isEmpty()) {
            n.put("user", user);
        }
        if (pass != null && !pass.isEmpty()) {
            n.put("pass", pass);
        }
        n.put("tls_required", tlsRequired);
        n.put("headers", headers);
        n.put("name", serverId);
        n.put("cluster", cluster);
        if (dynamic) {
            n.put("cluster_dynamic", true);
        }
        n.put("lnoc", true);
        return line(Ops.CONNECT_PREFIX, n);
    }

    /** {@code <prefix><json>\r\n}. */
    private static byte[] line(byte[] prefix, ObjectNode n) {
        byte[] json = n.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + json.length + 2];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(json, 0, out, prefix.length, json.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    static PeerInfo readInfo(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (!(node instanceof ObjectNode n)) {
            throw new IOException("INFO wants a JSON object");
        }
        return new PeerInfo(text(n, "server_id"), text(n, "server_name"), text(n, "host"), n.path("port").asInt(),
                text(n, "cluster"), n.path("cluster_dynamic").asBoolean(), n.path("headers").asBoolean(),
                n.path("auth_required").asBoolean(), text(n, "ip"), strings(n.path("connect_urls")),
                n.path("ldm").asBoolean(), n.path("proto").asInt(), n.path("route_pool_size").asInt(), n);
    }

    static PeerConnect readConnect(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (!(node instanceof ObjectNode n)) {
            throw new IOException("CONNECT wants a JSON object");
        }
        return new PeerConnect(text(n, "name"), text(n, "cluster"), n.path("cluster_dynamic").asBoolean(),
                n.path("headers").asBoolean(), text(n, "user"), text(n, "pass"), text(n, "lang"),
                text(n, "gateway"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }
}

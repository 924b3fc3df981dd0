package io.jnatsd.config;

import java.time.Duration;
import java.util.List;

/**
 * Twin of {@code LeafNodeOpts} and {@code RemoteLeafOpts} in {@code server/opts.go}: the
 * {@code leafnodes {}} block (also written {@code leaf}), with the reference's defaults
 * ({@code setBaselineOptions}: reconnect 1s, compression {@code s2_auto}, remote port 7422,
 * first INFO wait 1s). jnatsd reads and checks it but does not run leaf nodes yet. Immutable;
 * {@link #toString()} shows no secret.
 *
 * @param host                    listen host ({@code 0.0.0.0} once a port is set)
 * @param port                    listen port for remote leaf nodes, 0 for none, -1 for random
 * @param user                    user remotes must send, or null
 * @param password                its password, or null
 * @param nkey                    nkey remotes must sign with, or null
 * @param account                 account accepted leaf connections bind to, or null
 * @param users                   users list of the block
 * @param authTimeout             how long an accepted leaf node may take to authenticate
 * @param proxyRequired           accepted leaf nodes must come through a trusted proxy
 * @param remotes                 the leaf connections this server makes
 * @param reconnectInterval       wait between reconnect attempts
 * @param dialTimeout             connect timeout, null for the default
 * @param tls                     whether a {@code tls {}} block is given
 * @param advertise               the address advertised to remotes, or null
 * @param noAdvertise             do not advertise this server to remotes
 * @param minVersion              the oldest remote server version accepted, or null
 * @param compression             compression mode of accepted connections
 * @param isolateLeafnodeInterest do not send interest of other leaf nodes
 * @param writeDeadline           write deadline of leaf connections, null for the server's
 * @param writeTimeout            write timeout policy, null for default
 */
public record LeafNodeOptions(String host, int port, String user, String password, String nkey, String account,
                              List<User> users, Duration authTimeout, boolean proxyRequired, List<Remote> remotes,
                              Duration reconnectInterval, Duration dialTimeout, boolean tls, String advertise,
                              boolean noAdvertise, String minVersion, String compression,
                              boolean isolateLeafnodeInterest, Duration writeDeadline, String writeTimeout) {

    public static final int REMOTE_PORT_DEFAULT = 7422;
    public static final Duration RECONNECT_DEFAULT = Duration.ofSeconds(1);
    public static final Duration FIRST_INFO_TIMEOUT_DEFAULT = Duration.ofSeconds(1);
    public static final String COMPRESSION_DEFAULT = "s2_auto";
    public static final Duration AUTH_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    /** No leafnodes block. */
    public static final LeafNodeOptions NONE = new LeafNodeOptions("", 0, null, null, null, null, List.of(),
            AUTH_TIMEOUT_DEFAULT, false, List.of(), RECONNECT_DEFAULT, null, false, null, false, null,
            COMPRESSION_DEFAULT, false, null, null);

    public LeafNodeOptions {
        users = List.copyOf(users);
        remotes = List.copyOf(remotes);
    }

    /**
     * One user of {@code leafnodes { authorization { users [] } }}.
     *
     * @param user          the user name
     * @param password      the password
     * @param account       the account the leaf connection binds to, or null for the global one
     * @param proxyRequired the user must come through a trusted proxy
     */
    public record User(String user, String password, String account, boolean proxyRequired) {
        @Override
        public String toString() {
            return "User[user=" + user + ", password=[REDACTED], account=" + account + "]";
        }
    }

    /**
     * One entry of {@code remotes []}.
     *
     * @param urls                    the URLs to connect to (port 7422 when none is given)
     * @param noRandomize             try the URLs in order
     * @param localAccount            the local account bound to the connection ({@code $G} when none)
     * @param credentials             a credentials file, or null
     * @param nkeySeed                a user nkey seed, or null
     * @param tls                     whether a {@code tls {}} block is given
     * @param hub                     this server is the hub of the connection
     * @param denyImports             subjects not taken from the remote
     * @param denyExports             subjects not sent to the remote
     * @param websocketCompression    compress when the URL is a websocket
     * @param websocketNoMasking      ask the remote not to mask websocket frames
     * @param jetStreamClusterMigrate move JetStream leaders away when the connection is lost
     * @param localIsolation          do not send interest of other leaf nodes over this one
     * @param requestIsolation        ask the remote to isolate this connection
     * @param compression             compression mode
     * @param firstInfoTimeout        how long to wait for the remote's first INFO
     * @param dialTimeout             connect timeout, or null
     * @param disabled                the remote is configured but not connected
     * @param proxyUrl                an HTTP proxy to connect through, or null
     * @param ignoreDiscoveredServers only connect to the configured URLs
     */
    public record Remote(List<String> urls, boolean noRandomize, String localAccount, String credentials,
                         String nkeySeed, boolean tls, boolean hub, List<String> denyImports, List<String> denyExports,
                         boolean websocketCompression, boolean websocketNoMasking, boolean jetStreamClusterMigrate,
                         boolean localIsolation, boolean requestIsolation, String compression,
                         Duration firstInfoTimeout, Duration dialTimeout, boolean disabled, String proxyUrl,
                         boolean ignoreDiscoveredServers) {
        public Remote {
            urls = List.copyOf(urls);
            denyImports = List.copyOf(denyImports);
            denyExports = List.copyOf(denyExports);
        }

        @Override
        public String toString() {
            return "Remote[urls=" + urls + ", localAccount=" + localAccount + ", credentials=" + credentials
                    + ", nkeySeed=" + (nkeySeed == null ? "null" : "[REDACTED]") + ", hub=" + hub + ", disabled="
                    + disabled + "]";
        }
    }

    /** Whether the block asks for anything: a listener or remotes. */
    public boolean configured() {
        return port != 0 || !remotes.isEmpty();
    }

    @Override
    public String toString() {
        return "LeafNodeOptions[host=" + host + ", port=" + port + ", user=" + user + ", password="
                + (password == null ? "null" : "[REDACTED]") + ", nkey=" + nkey + ", account=" + account + ", users="
                + users + ", authTimeout=" + authTimeout + ", remotes=" + remotes + ", reconnectInterval="
                + reconnectInterval + ", tls=" + tls + ", advertise=" + advertise + ", noAdvertise=" + noAdvertise
                + ", minVersion=" + minVersion + ", compression=" + compression + "]";
    }
}

package io.jnatsd.config;

import io.jnatsd.account.AccountsOptions;
import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.callout.AuthCalloutOptions;
import io.jnatsd.auth.jwt.TrustOptions;
import io.jnatsd.tls.TlsOptions;
import io.jnatsd.tls.ocsp.OcspOptions;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The options the core server runs with, immutable, with the reference's defaults
 * ({@code server/const.go}, {@code setBaselineOptions} in {@code server/opts.go}).
 * Built by {@link Builder}; flags and conf files both end here.
 *
 * @param host              client listen host
 * @param port              client port; -1 picks a random one
 * @param serverName        name in INFO; the server id when empty
 * @param maxPayload        largest message accepted, in bytes
 * @param maxControlLine    longest control line accepted, in bytes
 * @param maxPendingBytes   outbound bytes a connection may hold before it is a slow consumer
 * @param maxConnections    client connections accepted at once
 * @param maxSubscriptions  subscriptions per connection, 0 for no limit
 * @param pingInterval      how often the server pings an idle client
 * @param pingMax           unanswered pings before the connection is stale
 * @param writeDeadline     how long a flush may block before the client is a slow consumer
 * @param lameDuckDuration  how long lame duck mode spreads the closing of clients
 * @param lameDuckGracePeriod how long lame duck mode waits before it starts closing
 * @param noHeaderSupport   when true, INFO says headers are not supported
 * @param proxyProtocol     expect a PROXY protocol v1/v2 header on every client connection
 * @param jetStream         enable JetStream
 * @param storeDir          JetStream store directory, null for the default
 * @param httpHost          monitoring host
 * @param httpPort          monitoring port, 0 for none, -1 for random
 * @param debug             debug logging
 * @param trace             protocol tracing
 * @param logFile           log file, null for stderr
 * @param pidFile           file to write the pid to, or null
 * @param portsFileDir      directory for the ports file, or null
 * @param clientAdvertise   the client URL advertised in connect_urls, or null
 * @param httpBasePath      prefix of every monitoring path ({@code http_base_path}), empty for none
 * @param auth              how clients authenticate; {@link AuthOptions#NONE} for not at all
 * @param accounts          accounts, permissions, system account and mappings; {@link AccountsOptions#NONE}
 * @param cluster           the {@code cluster} block; {@link ClusterOptions#NONE} for a lone server
 * @param gateway           the {@code gateway {}} block, read and checked, not run yet
 * @param leafNodes         the {@code leafnodes {}} block, read and checked, not run yet
 * @param websocket         the {@code websocket {}} block, read and checked, not run yet
 * @param mqtt              the {@code mqtt {}} block, read and checked, not run yet
 * @param auxiliary         the other top-level options, read and checked, not acted on yet
 * @param jetStreamOptions  the rest of the {@code jetstream} block
 * @param tls               TLS of the client port ({@code tls {}}), or null for none
 * @param httpsPort         HTTPS monitoring port ({@code https_port}), 0 for none, -1 for random
 * @param trust             decentralized (JWT) authentication, or null for none
 * @param authCallout       {@code authorization { auth_callout {} }}, or null for none
 * @param ocsp              OCSP stapling, {@code ocsp_cache} and the client {@code tls { ocsp_peer }}
 */
public record ServerOptions(
        String host,
        int port,
        String serverName,
        int maxPayload,
        int maxControlLine,
        long maxPendingBytes,
        int maxConnections,
        int maxSubscriptions,
        Duration pingInterval,
        int pingMax,
        Duration writeDeadline,
        Duration lameDuckDuration,
        Duration lameDuckGracePeriod,
        boolean noHeaderSupport,
        boolean proxyProtocol,
        boolean jetStream,
        Path storeDir,
        String httpHost,
        int httpPort,
        boolean debug,
        boolean trace,
        Path logFile,
        Path pidFile,
        Path portsFileDir,
        String clientAdvertise,
        String httpBasePath,
        AuthOptions auth,
        AccountsOptions accounts,
        ClusterOptions cluster,
        GatewayOptions gateway,
        LeafNodeOptions leafNodes,
        WebsocketOptions websocket,
        MqttOptions mqtt,
        AuxiliaryOptions auxiliary,
        JetStreamOptions jetStreamOptions,
        TlsOptions tls,
        int httpsPort,
        TrustOptions trust,
        AuthCalloutOptions authCallout,
        OcspOptions ocsp) {

    public static final String HOST_DEFAULT = "0.0.0.0";
    public static final int PORT_DEFAULT = 4222;
    /** Port value that asks for a random free port. */
    public static final int RANDOM_PORT = -1;
    public static final int MAX_PAYLOAD_DEFAULT = 1024 * 1024;
    public static final int MAX_CONTROL_LINE_DEFAULT = 4096;
    public static final long MAX_PENDING_BYTES_DEFAULT = 64L * 1024 * 1024;
    public static final int MAX_CONNECTIONS_DEFAULT = 64 * 1024;
    public static final Duration PING_INTERVAL_DEFAULT = Duration.ofMinutes(2);
    public static final int PING_MAX_DEFAULT = 2;
    public static final Duration WRITE_DEADLINE_DEFAULT = Duration.ofSeconds(10);
    public static final Duration LAME_DUCK_DURATION_DEFAULT = Duration.ofMinutes(2);
    public static final Duration LAME_DUCK_GRACE_PERIOD_DEFAULT = Duration.ofSeconds(10);
    public static final int HTTP_PORT_DEFAULT = 8222;

    /** The defaults of the reference. */
    public static ServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder seeded with these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.serverName = serverName;
        b.maxPayload = maxPayload;
        b.maxControlLine = maxControlLine;
        b.maxPendingBytes = maxPendingBytes;
        b.maxConnections = maxConnections;
        b.maxSubscriptions = maxSubscriptions;
        b.pingInterval = pingInterval;
        b.pingMax = pingMax;
        b.writeDeadline = writeDeadline;
        b.lameDuckDuration = lameDuckDuration;
        b.lameDuckGracePeriod = lameDuckGracePeriod;
        b.noHeaderSupport = noHeaderSupport;
        b.proxyProtocol = proxyProtocol;
        b.jetStream = jetStream;
        b.storeDir = storeDir;
        b.httpHost = httpHost;
        b.httpPort = httpPort;
        b.debug = debug;
        b.trace = trace;
        b.logFile = logFile;
        b.pidFile = pidFile;
        b.portsFileDir = portsFileDir;
        b.clientAdvertise = clientAdvertise;
        b.httpBasePath = httpBasePath;
        b.auth = auth;
        b.accounts = accounts;
        b.cluster = cluster;
        b.gateway = gateway;
        b.leafNodes = leafNodes;
        b.websocket = websocket;
        b.mqtt = mqtt;
        b.auxiliary = auxiliary;
        b.jetStreamOptions = jetStreamOptions;
        b.tls = tls;
        b.httpsPort = httpsPort;
        b.trust = trust;
        b.authCallout = authCallout;
        b.ocsp = ocsp;
        return b;
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String host = HOST_DEFAULT;
        private int port = PORT_DEFAULT;
        private String serverName = "";
        private int maxPayload = MAX_PAYLOAD_DEFAULT;
        private int maxControlLine = MAX_CONTROL_LINE_DEFAULT;
        private long maxPendingBytes = MAX_PENDING_BYTES_DEFAULT;
        private int maxConnections = MAX_CONNECTIONS_DEFAULT;
        private int maxSubscriptions;
        private Duration pingInterval = PING_INTERVAL_DEFAULT;
        private int pingMax = PING_MAX_DEFAULT;
        private Duration writeDeadline = WRITE_DEADLINE_DEFAULT;
        private Duration lameDuckDuration = LAME_DUCK_DURATION_DEFAULT;
        private Duration lameDuckGracePeriod = LAME_DUCK_GRACE_PERIOD_DEFAULT;
        private boolean noHeaderSupport;
        private boolean proxyProtocol;
        private boolean jetStream;
        private Path storeDir;
        private String httpHost = HOST_DEFAULT;
        private int httpPort;
        private boolean debug;
        private boolean trace;
        private Path logFile;
        private Path pidFile;
        private Path portsFileDir;
        private String clientAdvertise;
        private String httpBasePath = "";
        private AuthOptions auth = AuthOptions.NONE;
        private AccountsOptions accounts = AccountsOptions.NONE;
        private ClusterOptions cluster = ClusterOptions.NONE;
        private GatewayOptions gateway = GatewayOptions.NONE;
        private LeafNodeOptions leafNodes = LeafNodeOptions.NONE;
        private WebsocketOptions websocket = WebsocketOptions.NONE;
        private MqttOptions mqtt = MqttOptions.NONE;
        private AuxiliaryOptions auxiliary = AuxiliaryOptions.DEFAULTS;
        private JetStreamOptions jetStreamOptions = JetStreamOptions.DEFAULTS;
        private TlsOptions tls;
        private int httpsPort;
        private TrustOptions trust;
        private AuthCalloutOptions authCallout;
        private OcspOptions ocsp = OcspOptions.NONE;

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder serverName(String v) { serverName = v; return this; }
        public Builder maxPayload(int v) { maxPayload = v; return this; }
        public Builder maxControlLine(int v) { maxControlLine = v; return this; }
        public Builder maxPendingBytes(long v) { maxPendingBytes = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxSubscriptions(int v) { maxSubscriptions = v; return this; }
        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder pingMax(int v) { pingMax = v; return this; }
        public Builder writeDeadline(Duration v) { writeDeadline = v; return this; }
        public Builder lameDuckDuration(Duration v) { lameDuckDuration = v; return this; }
        public Builder lameDuckGracePeriod(Duration v) { lameDuckGracePeriod = v; return this; }
        public Builder noHeaderSupport(boolean v) { noHeaderSupport = v; return this; }
        public Builder proxyProtocol(boolean v) { proxyProtocol = v; return this; }
        public Builder jetStream(boolean v) { jetStream = v; return this; }
        public Builder storeDir(Path v) { storeDir = v; return this; }
        public Builder httpHost(String v) { httpHost = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder debug(boolean v) { debug = v; return this; }
        public Builder trace(boolean v) { trace = v; return this; }
        public Builder logFile(Path v) { logFile = v; return this; }
        public Builder pidFile(Path v) { pidFile = v; return this; }
        public Builder portsFileDir(Path v) { portsFileDir = v; return this; }
        public Builder clientAdvertise(String v) { clientAdvertise = v; return this; }
        public Builder httpBasePath(String v) { httpBasePath = v; return this; }
        public Builder auth(AuthOptions v) { auth = v; return this; }
        public Builder accounts(AccountsOptions v) { accounts = v; return this; }
        public Builder cluster(ClusterOptions v) { cluster = v; return this; }
        public ClusterOptions cluster() { return cluster; }
        public Builder gateway(GatewayOptions v) { gateway = v; return this; }
        public Builder leafNodes(LeafNodeOptions v) { leafNodes = v; return this; }
        public Builder websocket(WebsocketOptions v) { websocket = v; return this; }
        public Builder mqtt(MqttOptions v) { mqtt = v; return this; }
        public Builder auxiliary(AuxiliaryOptions v) { auxiliary = v; return this; }
        public Builder jetStreamOptions(JetStreamOptions v) { jetStreamOptions = v; return this; }
        public Builder tls(TlsOptions v) { tls = v; return this; }
        public Builder httpsPort(int v) { httpsPort = v; return this; }
        public TlsOptions tls() { return tls; }
        public Builder trust(TrustOptions v) { trust = v; return this; }
        public Builder authCallout(AuthCalloutOptions v) { authCallout = v; return this; }
        public Builder ocsp(OcspOptions v) { ocsp = v == null ? OcspOptions.NONE : v; return this; }

        public ServerOptions build() {
            return new ServerOptions(host, port, serverName, maxPayload, maxControlLine, maxPendingBytes,
                    maxConnections, maxSubscriptions, pingInterval, pingMax, writeDeadline, lameDuckDuration,
                    lameDuckGracePeriod, noHeaderSupport, proxyProtocol, jetStream, storeDir, httpHost, httpPort,
                    debug, trace, logFile, pidFile, portsFileDir, clientAdvertise, httpBasePath, auth, accounts, cluster,
                    gateway,
                    leafNodes, websocket, mqtt, auxiliary, jetStreamOptions, tls, httpsPort, trust,
                    authCallout, ocsp);
        }
    }
}

package io.jnatsd;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ClusterOptionsReader;
import io.jnatsd.config.OptionsValidator;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.tls.ClientTls;
import io.jnatsd.tls.TlsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line flags of {@code nats-server} ({@code main.go} usage text), so that tools
 * and scripts that start the reference can start jnatsd unchanged.
 */
@Command(name = "nats-server", mixinStandardHelpOptions = false, sortOptions = false,
        description = "jnatsd: a NATS server written in Java")
final class ServerFlags {

    @Option(names = {"-a", "--a", "-addr", "--addr", "-net", "--net"}, description = "Bind to host address (default: 0.0.0.0)")
    String host;
    @Option(names = {"-p", "--p", "-port", "--port"}, description = "Use port for clients (default: 4222; -1 for random)")
    Integer port;
    @Option(names = {"-n", "--n", "-name", "--name", "-server_name", "--server_name"}, description = "Server name (default: auto)")
    String serverName;
    @Option(names = {"-P", "--P", "-pid", "--pid"}, description = "File to store PID")
    Path pidFile;
    @Option(names = {"-m", "--m", "-http_port", "--http_port"}, description = "Use port for http monitoring")
    Integer httpPort;
    @Option(names = {"-ms", "--ms", "-https_port", "--https_port"}, description = "Use port for https monitoring")
    Integer httpsPort;
    @Option(names = {"-c", "--c", "-config", "--config"}, description = "Configuration file")
    Path config;
    @Option(names = {"-t", "--t"}, arity = "0..1", description = "Test configuration and exit")
    boolean testConfig;
    @Option(names = {"-sl", "--sl", "-signal", "--signal"}, description = "Send signal to nats-server process (ldm, stop, quit, term, reopen, reload)")
    String signal;
    @Option(names = {"-client_advertise", "--client_advertise"}, description = "Client URL to advertise to other servers")
    String clientAdvertise;
    @Option(names = {"-ports_file_dir", "--ports_file_dir"}, description = "Creates a ports file in the specified directory (<executable_name>_<pid>.ports)")
    Path portsFileDir;

    @Option(names = {"-l", "--l", "-log", "--log"}, description = "File to redirect log output")
    Path logFile;
    @Option(names = {"-T", "--T", "-logtime", "--logtime"}, arity = "0..1", description = "Timestamp log entries (default: true)")
    Boolean logTime;
    @Option(names = {"-s", "--s", "-syslog", "--syslog"}, arity = "0..1", description = "Log to syslog or windows event log")
    boolean syslog;
    @Option(names = {"-r", "--r", "-remote_syslog", "--remote_syslog"}, description = "Syslog server addr (udp://localhost:514)")
    String remoteSyslog;
    @Option(names = {"-D", "--D", "-debug", "--debug"}, arity = "0..1", description = "Enable debugging output")
    boolean debug;
    @Option(names = {"-V", "--V", "-trace", "--trace"}, arity = "0..1", description = "Trace the raw protocol")
    boolean trace;
    @Option(names = {"-VV", "--VV"}, arity = "0..1", description = "Verbose trace (traces system account as well)")
    boolean traceVerbose;
    @Option(names = {"-DV", "--DV"}, arity = "0..1", description = "Debug and trace")
    boolean debugAndTrace;
    @Option(names = {"-DVV", "--DVV"}, arity = "0..1", description = "Debug and verbose trace")
    boolean debugAndTraceVerbose;
    @Option(names = {"-max_traced_msg_len", "--max_traced_msg_len"}, description = "Maximum printable length for traced messages")
    Integer maxTracedMsgLen;

    @Option(names = {"-js", "--js", "-jetstream", "--jetstream"}, arity = "0..1", description = "Enable JetStream functionality")
    boolean jetStream;
    @Option(names = {"-sd", "--sd", "-store_dir", "--store_dir"}, description = "Set the storage directory")
    Path storeDir;

    @Option(names = {"-user", "--user"}, description = "User required for connections")
    String user;
    @Option(names = {"-pass", "--pass"}, description = "Password required for connections")
    String pass;
    @Option(names = {"-auth", "--auth"}, description = "Authorization token required for connections")
    String auth;
    @Option(names = {"--tls"}, description = "Enable TLS, do not verify clients")
    boolean tls;
    @Option(names = {"--tlscert"}, description = "Server certificate file")
    String tlsCert;
    @Option(names = {"--tlskey"}, description = "Private key for server certificate")
    String tlsKey;
    @Option(names = {"--tlsverify"}, description = "Enable TLS, verify client certificates")
    boolean tlsVerify;
    @Option(names = {"--tlscacert"}, description = "Client certificate CA for verification")
    String tlsCaCert;
    @Option(names = {"--routes"}, description = "Routes to solicit and connect")
    String routes;
    @Option(names = {"--cluster", "--cluster_listen"}, description = "Cluster URL for solicited routes")
    String cluster;
    @Option(names = {"--cluster_name"}, description = "Cluster Name, if not set one will be dynamically generated")
    String clusterName;
    @Option(names = {"--cluster_advertise"}, description = "Cluster URL to advertise to other servers")
    String clusterAdvertise;
    @Option(names = {"--no_advertise"}, description = "Do not advertise known cluster information to clients")
    boolean noAdvertise;
    @Option(names = {"--connect_retries"}, description = "For implicit routes, number of connect retries")
    Integer connectRetries;

    @Option(names = {"-logtime_utc", "--logtime_utc"}, arity = "0..1", description = "Timestamps in UTC instead of local timezone")
    boolean logTimeUtc;
    @Option(names = {"-log_size_limit", "--log_size_limit"}, description = "Logfile size limit being auto-rotated")
    Long logSizeLimit;
    @Option(names = {"-profile", "--profile"}, description = "Profiling HTTP port")
    Integer profilePort;
    @Option(names = {"-help_tls", "--help_tls"}, arity = "0..1", description = "TLS help")
    boolean helpTls;

    @Option(names = {"-h", "--h", "-help", "--help"}, usageHelp = true, description = "Show this message")
    boolean help;
    @Option(names = {"-v", "--v", "-version", "--version"}, description = "Show version")
    boolean version;

    /** Builds the options, refusing flags whose feature is not built: ignoring them would weaken security or topology. */
    ServerOptions toOptions() {
        List<String> unsupported = new ArrayList<>();
        addIf(unsupported, syslog || remoteSyslog != null, "--syslog/--remote_syslog");
        addIf(unsupported, logTime != null && !logTime, "--logtime=false");
        addIf(unsupported, logTimeUtc, "--logtime_utc");
        addIf(unsupported, logSizeLimit != null && logSizeLimit != 0, "--log_size_limit");
        addIf(unsupported, maxTracedMsgLen != null && maxTracedMsgLen != 0, "--max_traced_msg_len");
        addIf(unsupported, profilePort != null && profilePort != 0, "--profile");
        if (!unsupported.isEmpty()) {
            throw new StartupException("not supported by this build of jnatsd yet: " + String.join(", ", unsupported));
        }
        ServerOptions.Builder b = ServerOptions.builder();
        if (config != null) {
            ConfigFile.readInto(config, b);
        }
        if (host != null) {
            b.host(host);
        }
        if (port != null) {
            b.port(port);
        }
        if (serverName != null) {
            b.serverName(serverName);
        }
        if (httpPort != null) {
            b.httpPort(httpPort);
        }
        applyIfSet(httpsPort, b::httpsPort);
        applyTlsFlags(b);
        applyIfSet(clientAdvertise, b::clientAdvertise);
        applyIfSet(portsFileDir, b::portsFileDir);
        applyIfSet(pidFile, b::pidFile);
        applyIfSet(logFile, b::logFile);
        applyIfSet(storeDir, b::storeDir);
        if (jetStream) {
            b.jetStream(true);
        }
        if (debug || debugAndTrace || debugAndTraceVerbose) {
            b.debug(true);
        }
        if (trace || traceVerbose || debugAndTrace || debugAndTraceVerbose) {
            b.trace(true);
        }
        applyClusterFlags(b);
        ServerOptions options = withAuthFlags(b.build());
        try {
            OptionsValidator.validate(options);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }
        return options;
    }

    /** {@code --cluster}, {@code --cluster_name}, {@code --routes}, ... over the file's cluster block. */
    private void applyClusterFlags(ServerOptions.Builder b) {
        ClusterOptions c = b.cluster();
        try {
            if (cluster != null) {
                c = ClusterOptionsReader.applyClusterFlag(c, cluster);
            }
            if (routes != null) {
                c = c.withRoutes(ClusterOptionsReader.parseRoutesFlag(routes));
            }
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        if (clusterName != null) {
            c = c.withName(clusterName);
        }
        if (clusterAdvertise != null) {
            c = c.withAdvertise(clusterAdvertise);
        }
        if (noAdvertise) {
            c = c.withNoAdvertise(true);
        }
        if (connectRetries != null) {
            c = c.withConnectRetries(connectRetries);
        }
        b.cluster(c);
    }

    /** {@code --user}, {@code --pass} and {@code --auth} win over the file's authorization block, as in the reference. */
    private ServerOptions withAuthFlags(ServerOptions options) {
        if (user == null && pass == null && auth == null) {
            return options;
        }
        AuthOptions a = options.auth();
        if (user != null) {
            a = a.withUser(user);
        }
        if (pass != null) {
            a = a.withPassword(pass);
        }
        if (auth != null) {
            a = a.withToken(auth);
        }
        try {
            a.validate();
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        return options.toBuilder().auth(a).build();
    }

    /**
     * Any {@code --tls*} flag replaces the file's {@code tls {}} with one made of the flags, as
     * the reference's {@code overrideTLS} does.
     */
    private void applyTlsFlags(ServerOptions.Builder b) {
        if (!tls && !tlsVerify && tlsCert == null && tlsKey == null && tlsCaCert == null) {
            return;
        }
        if (tlsCert == null) {
            throw new StartupException("TLS Server certificate must be present and valid");
        }
        if (tlsKey == null) {
            throw new StartupException("TLS Server private key must be present and valid");
        }
        boolean allowNonTls = b.tls() != null && b.tls().allowNonTls();
        TlsOptions o = TlsOptions.of(Path.of(tlsCert), Path.of(tlsKey)).withVerify(tlsVerify)
                .withAllowNonTls(allowNonTls);
        if (tlsCaCert != null) {
            o = o.withCaFile(Path.of(tlsCaCert));
        }
        try {
            ClientTls.forClients(o);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        b.tls(o);
    }

    /** Flags win over the file, as in the reference: only flags that were given are applied. */
    private static <T> void applyIfSet(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static void addIf(List<String> list, boolean condition, String name) {
        if (condition) {
            list.add(name);
        }
    }
}

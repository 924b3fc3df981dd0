package io.jnatsd;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.log.LogSetup;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerInfo;
import picocli.CommandLine;

/**
 * Entry point: nats-server compatible flags, then the server. Exit codes follow the
 * reference: 0 after a clean stop, 1 when the options or the start fail.
 */
public final class Main {

    /** The reference's {@code tlsUsage} ({@code server/opts.go}): where TLS is configured. */
    static final String TLS_HELP = """

            TLS configuration is specified in the tls section of a configuration file:

            e.g.

                tls {
                    cert_file:      "./certs/server-cert.pem"
                    key_file:       "./certs/server-key.pem"
                    ca_file:        "./certs/ca.pem"
                    verify:         true
                    verify_and_map: true
                }

            """;

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ServerFlags());
        cli.setUnmatchedOptionsArePositionalParams(false);
        int code;
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            ServerFlags flags = cli.getCommand();
            if (parsed.isUsageHelpRequested()) {
                cli.usage(System.out);
                code = 0;
            } else if (flags.helpTls) {
                System.out.print(TLS_HELP);
                code = 0;
            } else if (flags.version) {
                System.out.println("nats-server: v" + ServerInfo.REFERENCE_VERSION + " (jnatsd " + JnatsdVersion.get() + ")");
                code = 0;
            } else if (AotTraining.requested()) {
                code = AotTraining.run();
            } else if (flags.signal != null) {
                code = SignalSender.send(flags.signal);
            } else {
                code = run(flags);
            }
        } catch (CommandLine.ParameterException e) {
            System.err.println("nats-server: " + e.getMessage());
            System.err.println("Usage: nats-server [options]; see --help");
            code = 1;
        } catch (StartupException e) {
            System.err.println("nats-server: " + e.getMessage());
            code = 1;
        } catch (java.io.IOException e) {
            System.err.println("nats-server: AOT training failed: " + e.getMessage());
            code = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        }
        System.exit(code);
    }

    private static int run(ServerFlags flags) {
        if (flags.testConfig && flags.config == null) {
            throw new StartupException("must specify [-c, --config] option to check configuration file syntax");
        }
        ServerOptions options = flags.toOptions();
        if (flags.testConfig) {
            ConfigFile.warnings().forEach(w -> System.err.println("nats-server: warning: " + w));
            System.err.println("nats-server: configuration file " + flags.config + " is valid ("
                    + ConfigFile.digest() + ")");
            return 0;
        }
        LogSetup.configure(options.debug(), options.trace(), options.logFile());
        ServerRunner runner = new ServerRunner(new NatsServer(options), flags);
        return runner.runUntilStopped();
    }
}

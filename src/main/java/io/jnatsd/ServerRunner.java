package io.jnatsd;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.monitor.HttpMonitor;
import io.jnatsd.server.ListenException;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a server as a process, the way {@code nats-server} does: banner, pid and ports files,
 * signals (TERM/INT stop, USR2 lame duck), and the wait until it stops.
 */
final class ServerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRunner.class);

    private final NatsServer server;
    private final ServerFlags flags;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Path portsFile;

    ServerRunner(NatsServer server, ServerFlags flags) {
        this.server = server;
        this.flags = flags;
    }

    int runUntilStopped() {
        ServerOptions options = server.options();
        LOG.info("Starting nats-server");
        LOG.info("  Version:  {}", ServerInfo.REFERENCE_VERSION);
        LOG.info("  jnatsd:   {} (java {})", JnatsdVersion.get(), Runtime.version());
        LOG.info("  Git:      [not set]");
        server.addReloadParticipant(new LoggingReload());
        server.addReloadParticipant(new FilesReload());
        try {
            server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ListenException e) {
            LOG.error("{}", e.getMessage());
            server.shutdown();
            return 1;
        } catch (RuntimeException e) {
            LOG.error("Error starting the server: {}", e.getMessage(), e);
            server.shutdown();
            return 1;
        }
        LOG.info("  Name:     {}", server.info().serverName());
        LOG.info("  Node:     {}", server.serverId().substring(0, 8));
        LOG.info("  ID:       {}", server.serverId());
        warnAboutUnbuiltFeatures();
        writePidFile(options.pidFile());
        LOG.info("Listening for client connections on {}:{}", options.host(), server.clientPort());
        writePortsFile(options.portsFileDir());
        LOG.info("Server is ready");
        installSignals();
        new ConfigReloader(server, flags).installSignals();
        awaitStop();
        cleanUpFiles(server.options());
        return 0;
    }

    private void warnAboutUnbuiltFeatures() {
        ConfigFile.warnings().forEach(LOG::warn);
    }

    /**
     * TERM and INT are handled here rather than left to the JVM, whose own handling would end
     * the process with 128+signal; the reference exits 0 after a clean stop. The shutdown hook
     * only covers other ways the JVM may end.
     */
    private void installSignals() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            awaitQuietly();
        }, "jnatsd-shutdown"));
        Signal.handle(new Signal("TERM"), s -> stopOnSignal("terminated"));
        Signal.handle(new Signal("INT"), s -> stopOnSignal("interrupt"));
        if (jfrOwnsUsr2()) {
            LOG.warn("Java Flight Recorder is on and samples threads with SIGUSR2: lame duck by signal is off");
            return;
        }
        Signal.handle(new Signal("USR2"), s -> Thread.ofPlatform().name("jnatsd-lame-duck").start(() -> {
            try {
                server.enterLameDuckMode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }));
    }

    /** HotSpot's JFR sampler signals threads with SIGUSR2; taking it over would turn every sample into a lame duck. */
    private static boolean jfrOwnsUsr2() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.contains("FlightRecord"));
    }

    private void stopOnSignal(String name) {
        Thread.ofPlatform().name("jnatsd-stop").start(() -> {
            LOG.info("Trapped \"{}\" signal", name);
            server.shutdown();
            done.countDown();
        });
    }

    private void awaitStop() {
        try {
            while (!server.awaitShutdown(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (done.getCount() == 0) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitQuietly() {
        try {
            server.awaitShutdown(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writePidFile(Path pidFile) {
        if (pidFile == null) {
            return;
        }
        try {
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new StartupException("Could not write pidfile: " + e.getMessage(), e);
        }
    }

    /** Twin of {@code pidFileOption} and {@code portsFileDirOption} in {@code server/reload.go}. */
    private final class FilesReload implements io.jnatsd.server.ReloadParticipant {
        @Override
        public java.util.Set<String> components() {
            return java.util.Set.of("pidFile", "portsFileDir");
        }

        @Override
        public void apply(ServerOptions current, ServerOptions next) {
            if (!java.util.Objects.equals(current.pidFile(), next.pidFile()) && next.pidFile() != null) {
                try {
                    writePidFile(next.pidFile());
                } catch (StartupException e) {
                    LOG.error("Failed to write pidfile: {}", e.getMessage());
                }
                LOG.info("Reloaded: pid_file = {}", next.pidFile());
            }
            if (!java.util.Objects.equals(current.portsFileDir(), next.portsFileDir())) {
                try {
                    if (portsFile != null) {
                        Files.deleteIfExists(portsFile);
                    }
                } catch (IOException e) {
                    LOG.warn("Could not remove the ports file: {}", e.getMessage());
                }
                portsFile = null;
                writePortsFile(next.portsFileDir());
                LOG.info("Reloaded: ports_file_dir = {}", next.portsFileDir() == null ? "" : next.portsFileDir());
            }
        }
    }

    /** The reference's {@code nats-server_<pid>.ports}: where each listener can be reached. */
    private void writePortsFile(Path dir) {
        if (dir == null) {
            return;
        }
        String host = "0.0.0.0".equals(server.options().host()) ? "127.0.0.1" : server.options().host();
        String httpHost = "0.0.0.0".equals(server.options().httpHost()) ? "127.0.0.1" : server.options().httpHost();
        String monitoring = server.module(HttpMonitor.class)
                .map(m -> ",\"monitoring\":[\"http://" + httpHost + ":" + m.port() + "\"]").orElse("");
        String json = "{\"nats\":[\"nats://" + host + ":" + server.clientPort() + "\"]" + monitoring + "}";
        portsFile = dir.resolve("nats-server_" + ProcessHandle.current().pid() + ".ports");
        try {
            Files.writeString(portsFile, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("Error writing ports file ({}): {}", portsFile, e.getMessage());
        }
    }

    private void cleanUpFiles(ServerOptions options) {
        try {
            if (portsFile != null) {
                Files.deleteIfExists(portsFile);
            }
            if (options.pidFile() != null) {
                Files.deleteIfExists(options.pidFile());
            }
        } catch (IOException e) {
            LOG.warn("Could not remove a pid or ports file: {}", e.getMessage());
        }
    }
}

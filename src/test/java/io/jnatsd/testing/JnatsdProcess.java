package io.jnatsd.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jnatsd as a child process, the way scripts and tools start {@code nats-server}: the current
 * JVM's {@code java} with the test classpath and {@code io.jnatsd.Main}, stdout and stderr
 * captured in files. Destroyed on close if still running.
 *
 * <p>Not thread-safe.
 */
public final class JnatsdProcess implements AutoCloseable {

    private static final String MAIN_CLASS = "io.jnatsd.Main";
    /** The JVM flags of {@code bin/jnatsd} (Netty's Unsafe, JNI and reflection access), a small heap, a fast start. */
    private static final List<String> JVM_FLAGS = List.of(
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private static final com.fasterxml.jackson.databind.ObjectMapper PORTS_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JnatsdProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code Main} with {@code args}; its output goes to files in {@code dir}. */
    public static JnatsdProcess start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "jnatsd-", ".out");
        Path err = Files.createTempFile(dir, "jnatsd-", ".err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new JnatsdProcess(p, out, err);
    }

    /** Runs {@code Main} with {@code args} to the end and returns it; fails after {@code timeout}. */
    public static JnatsdProcess run(Path dir, Duration timeout, String... args) throws IOException, InterruptedException {
        JnatsdProcess p = start(dir, args);
        p.awaitExit(timeout);
        return p;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Waits for the process to end and returns its exit code; fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("jnatsd did not exit within " + timeout + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** Sends SIGKILL, as {@code kill -9} does, and waits for the process to end. */
    public void kill9(Duration timeout) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -KILL " + process.pid() + " failed");
        }
        awaitExit(timeout);
    }

    /**
     * Waits until the process started with {@code --ports_file_dir portsDir} has written its ports file, and
     * returns the client port from it; fails after {@code timeout}.
     */
    public int awaitClientPort(Path portsDir, Duration timeout) {
        Path portsFile = portsDir.resolve("nats-server_" + process.pid() + ".ports");
        CheckFor.checkFor(timeout, Duration.ofMillis(20), () -> {
            if (!Files.isRegularFile(portsFile) || Files.size(portsFile) == 0) {
                throw new AssertionError("no ports file " + portsFile + " yet; stderr:\n" + stderr());
            }
        });
        try {
            String url = PORTS_JSON.readTree(Files.readString(portsFile)).get("nats").get(0).asText();
            return java.net.URI.create(url).getPort();
        } catch (IOException e) {
            throw new AssertionError("unreadable ports file " + portsFile, e);
        }
    }

    /** What the process wrote to stdout so far. */
    public String stdout() {
        return read(stdout);
    }

    /** What the process wrote to stderr so far (the log, unless {@code -l} moved it). */
    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

package io.jnatsd.dist;

import io.jnatsd.testing.CheckFor;
import io.jnatsd.testing.RawNatsSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tarball that {@code ./mvnw package} makes, unpacked into a temporary directory, runs
 * on its bundled runtime with its own AOT cache and serves a client. Run by the surefire
 * execution {@code dist-test} in the integration-test phase, after {@code package}; the pom
 * passes the tarball's path.
 */
@Timeout(120)
class DistributionIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern PORT = Pattern.compile("nats://[^:]+:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void shouldStartOnTheBundledRuntimeAndServeInfo_whenUnpackedAnywhere() throws Exception {
        Path home = unpack();
        assertThat(home.resolve("bin/jnatsd")).isExecutable();
        assertThat(home.resolve("conf/jnatsd.conf")).isRegularFile();
        assertThat(home.resolve("LICENSE")).isRegularFile();
        assertThat(listJars(home)).anyMatch(n -> n.startsWith("jnatsd-")).anyMatch(n -> n.startsWith("netty-"))
                .noneMatch(n -> n.startsWith("junit") || n.startsWith("jnats-"));
        boolean bundledRuntime = !Boolean.getBoolean("jnatsd.jlink.skip");
        if (bundledRuntime) {
            assertThat(home.resolve("runtime/bin/java")).isExecutable();
        }
        Path portsDir = Files.createDirectory(dir.resolve("ports"));
        Path log = dir.resolve("jnatsd.log");
        Process p = start(home, log, "-a", "127.0.0.1", "-p", "-1", "-c", home.resolve("conf/jnatsd.conf").toString(),
                "--ports_file_dir", portsDir.toString());
        try {
            int port = awaitPort(portsDir, log);
            try (RawNatsSocket socket = RawNatsSocket.open(port)) {
                assertThat(socket.readInfoJson()).contains("\"server_id\":\"N").contains("\"port\":" + port);
            }
            if (bundledRuntime) {
                assertThat(Path.of("/proc/" + p.pid() + "/exe").toRealPath())
                        .isEqualTo(home.resolve("runtime/bin/java").toRealPath());
            }
            if (Files.exists(home.resolve("lib/jnatsd.aot"))) {
                assertThat(read(log)).as("the AOT cache maps (no [aot] warning)").doesNotContain("[aot]");
            }
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("exit after SIGTERM; log:\n" + read(log)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void shouldAcceptItsSampleConf_whenCheckedWithT() throws Exception {
        Path home = unpack();
        Path log = dir.resolve("check.log");

        Process p = start(home, log, "-t", "-c", home.resolve("conf/jnatsd.conf").toString());

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(read(log)).isZero();
        assertThat(read(log)).contains("jnatsd.conf is valid");
    }

    private Path unpack() throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("jnatsd.dist.tarball", "target/jnatsd-missing.tar.gz"));
        assertThat(tarball).as("run after ./mvnw package").isRegularFile();
        Path into = Files.createTempDirectory(dir, "unpacked");
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", into.toString())
                .inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        try (Stream<Path> top = Files.list(into)) {
            List<Path> dirs = top.toList();
            assertThat(dirs).hasSize(1);
            assertThat(dirs.get(0).getFileName().toString()).startsWith("jnatsd-");
            return dirs.get(0);
        }
    }

    /** Starts bin/jnatsd with no JAVA_HOME and a PATH without a JDK 25: only the bundled runtime can run it. */
    private static Process start(Path home, Path log, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(home.resolve("bin/jnatsd").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("JAVA_HOME");
        env.remove("JNATSD_JAVA");
        env.remove("JNATSD_JAVA_OPTS");
        env.put("PATH", "/usr/bin:/bin");
        if (Boolean.getBoolean("jnatsd.jlink.skip")) {
            env.put("JAVA_HOME", System.getProperty("java.home"));
        }
        return pb.start();
    }

    private static int awaitPort(Path portsDir, Path log) {
        int[] port = new int[1];
        CheckFor.checkFor(START_TIMEOUT, Duration.ofMillis(50), () -> {
            try (Stream<Path> files = Files.list(portsDir)) {
                Path f = files.findFirst().orElseThrow(() -> new AssertionError("no ports file yet; log:\n" + read(log)));
                Matcher m = PORT.matcher(Files.readString(f));
                assertThat(m.find()).isTrue();
                port[0] = Integer.parseInt(m.group(1));
            }
        });
        return port[0];
    }

    private static List<String> listJars(Path home) throws IOException {
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            return jars.map(j -> j.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }
}

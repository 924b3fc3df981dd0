package io.jnatsd.config;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reference corpus file that {@code nats-server -t} calls valid goes through the whole of
 * jnatsd's option reading ({@link ServerOptionsReader}, every block reader, {@link OptionsValidator}):
 * it is read, or refused only because it uses a feature another room has not built yet, named in
 * the message. No file the reference accepts is refused for a reason of this room.
 */
@Timeout(60)
class OptionsCorpusTest {

    /** Why jnatsd may still refuse a file the reference accepts: features of rooms not built yet. */
    private static final List<String> UNBUILT = List.of("is not supported by this build of jnatsd yet",
            "bcrypt is not supported", "is not supported by jnatsd yet");
    /** Files of this room's options that must be read in full, without any refusal. */
    private static final Set<String> MUST_READ = Set.of("server/configs/gwa.conf", "server/configs/gwb.conf",
            "server/configs/reload/max_payload.conf", "server/configs/reload/max_connections.conf",
            "server/configs/reload/basic.conf", "server/configs/reload/multiple_users_1.conf");
    /** Files whose include the reference's test writes first (see reference-corpus.tsv). */
    private static final Set<String> NEEDS_INCLUDE = Set.of("server/configs/reload/reload.conf");

    @TestFactory
    Stream<DynamicTest> shouldReadOrNameTheUnbuiltFeature_whenTheReferenceCallsTheFileValid() throws IOException {
        List<String> valid = validFiles();
        assertThat(valid).hasSizeGreaterThan(40);
        return valid.stream().filter(f -> !NEEDS_INCLUDE.contains(f))
                .map(f -> DynamicTest.dynamicTest(f, () -> check(f)));
    }

    private static void check(String name) throws ConfException {
        Path file = ReferenceCorpusTest.CORPUS.resolve(name);
        if (MUST_READ.contains(name)) {
            ServerOptions.Builder b = ServerOptions.builder();
            new ServerOptionsReader().read(new ConfParser().parseFile(file), b);
            OptionsValidator.validate(b.build());
            return;
        }
        try {
            ServerOptions.Builder b = ServerOptions.builder();
            new ServerOptionsReader().read(new ConfParser().parseFile(file), b);
            OptionsValidator.validate(b.build());
        } catch (ConfException | IllegalArgumentException e) {
            assertThat(e.getMessage()).as(file.toString()).containsAnyOf(UNBUILT.toArray(String[]::new));
        }
    }

    private static List<String> validFiles() throws IOException {
        try (InputStream in = OptionsCorpusTest.class.getResourceAsStream("reference-corpus.tsv")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("\t", -1))
                    .filter(cols -> cols.length > 2 && cols[2].equals("valid"))
                    .map(cols -> cols[0]).toList();
        }
    }
}

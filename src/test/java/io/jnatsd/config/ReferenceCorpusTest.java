package io.jnatsd.config;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The reference's own configuration files (../shared/reference/configs, beside the project as in CI) against
 * the verdicts of the reference parser: every file it accepts we accept with the same tree, every file it
 * refuses as bad syntax we refuse at the same line. The verdicts and trees were recorded from the reference
 * conf package and {@code nats-server -t} into reference-corpus.tsv and reference-corpus-trees.txt.
 */
@Timeout(60)
class ReferenceCorpusTest {

    static final Path CORPUS = Path.of("..", "shared", "reference", "configs");
    private static final String INCLUDE_STUB = "\n\t\t\tremote_syslog: \"udp://127.0.0.1:514\" # change on reload\n"
            + "\t\t\tsyslog:        true # enable on reload\n\t\t";

    private static Map<String, String[]> expectations;
    private static Map<String, String> trees;

    @BeforeAll
    static void load() throws IOException {
        assertThat(CORPUS.resolve("README.md"))
                .as("the reference corpus must be present at %s (shared/ beside the project)", CORPUS.toAbsolutePath())
                .exists();
        expectations = new LinkedHashMap<>();
        for (String line : resourceLines("reference-corpus.tsv")) {
            String[] cols = line.split("\t", -1);
            expectations.put(cols[0], cols);
        }
        trees = new LinkedHashMap<>();
        for (String line : resourceLines("reference-corpus-trees.txt")) {
            int tab = line.indexOf('\t');
            trees.put(line.substring(0, tab), line.substring(tab + 1));
        }
    }

    @Test
    void shouldListEveryCorpusFile_whenExpectationsAreRecorded() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            walk.filter(p -> p.toString().endsWith(".conf"))
                    .forEach(p -> files.add(CORPUS.relativize(p).toString().replace('\\', '/')));
        }
        assertThat(files).hasSizeGreaterThan(100).containsExactlyInAnyOrderElementsOf(expectations.keySet());
    }

    @TestFactory
    Stream<DynamicTest> shouldAgreeWithTheReferenceParser_whenParsingEachCorpusFile(@TempDir Path tmp) {
        return expectations.values().stream().map(cols -> DynamicTest.dynamicTest(cols[0], () -> check(cols, tmp)));
    }

    @Test
    void shouldRefuseTheReloadConfig_whenItsIncludeIsMissing() {
        Throwable e = catchThrowable(() -> new ConfParser().parseFile(CORPUS.resolve("server/configs/reload/reload.conf")));
        assertThat(e).isInstanceOf(ConfException.class).hasMessageContaining("platform.conf")
                .hasMessageContaining("reload.conf:1:9");
    }

    private static void check(String[] cols, Path tmp) throws Exception {
        String path = cols[0];
        String verdict = cols[1];
        Path file = CORPUS.resolve(path);
        if (cols.length > 3 && cols[3].startsWith("needs-include:")) {
            Path dir = Files.createDirectories(tmp.resolve(path).getParent());
            file = Files.copy(file, dir.resolve(file.getFileName()));
            Files.writeString(dir.resolve(cols[3].substring("needs-include:".length())), INCLUDE_STUB);
        }
        if (verdict.equals("accept")) {
            Object tree = new ConfParser().parseFile(file).plain();
            assertThat("OK " + ConfTreeDump.dump(tree)).as(path).isEqualTo(trees.get(path));
        } else {
            int line = Integer.parseInt(verdict.substring("reject:".length()));
            Path target = file;
            Throwable e = catchThrowable(() -> new ConfParser().parseFile(target));
            assertThat(e).as(path).isInstanceOf(ConfException.class);
            ConfException ce = (ConfException) e;
            // The reference counts a new line as consumed before it reports "found new line"; we point at it.
            int expectedLine = "\n".equals(ce.offending()) ? line - 1 : line;
            assertThat(ce.position().line()).as(path + ": " + e.getMessage()).isEqualTo(expectedLine);
        }
    }

    private static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = ReferenceCorpusTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}

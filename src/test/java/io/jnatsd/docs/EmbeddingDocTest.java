package io.jnatsd.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/embedding.md runnable: every code block is a copy of lines of the file named
 * last before it (a test, or the consumer project's pom), up to indentation and blank lines.
 */
class EmbeddingDocTest {

    private static final Path DOC = Path.of("docs/embedding.md");
    private static final Pattern SOURCE = Pattern.compile("`(src/[^`]+\\.(?:java|xml))`");
    private static final String MARKER_COMMENT = "// docs/embedding.md";

    @Test
    void shouldCopyEveryExampleFromTheFileItNames_whenReadingTheEmbeddingDoc() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        String source = null;
        int blocks = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = SOURCE.matcher(line);
            while (m.find()) {
                source = m.group(1);
            }
            if (!line.startsWith("```") || line.length() == 3) {
                continue;
            }
            List<String> block = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                block.add(lines.get(i));
            }
            blocks++;
            if (source == null) {
                problems.add("a block before any named source, at line " + (i - block.size()));
            } else if (!containsInOrder(significant(Files.readAllLines(Path.of(source))), significant(block))) {
                problems.add("the block ending at line " + (i + 1) + " is not a copy of " + source);
            }
        }

        assertThat(blocks).isGreaterThanOrEqualTo(5);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldSeeADrift_whenABlockDiffersFromItsSource() {
        List<String> source = significant(List.of("a();", "  b();", "", "c();"));

        assertThat(containsInOrder(source, significant(List.of("b();", "c();")))).isTrue();
        assertThat(containsInOrder(source, significant(List.of("a();", "c();")))).isFalse();
    }

    private static List<String> significant(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith(MARKER_COMMENT)).toList();
    }

    private static boolean containsInOrder(List<String> source, List<String> block) {
        return !block.isEmpty() && Collections.indexOfSubList(source, block) >= 0;
    }
}

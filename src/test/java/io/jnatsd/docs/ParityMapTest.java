package io.jnatsd.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/parity.md honest: every $JS.API subject of the reference has a row, and every
 * row marked done names a test class that exists.
 */
class ParityMapTest {

    private static final Path PARITY = Path.of("docs/parity.md");
    private static final Path JS_API_SUBJECTS = Path.of("../shared/reference/js-api-subjects.txt");
    private static final Pattern DONE_ROW = Pattern.compile("^\\|.*\\|\\s*done\\s*\\|.*\\|\\s*(.+?)\\s*\\|\\s*$");
    private static final Pattern TEST_CLASS = Pattern.compile("`?([A-Z][A-Za-z0-9]*(?:Test|IT))`?");

    @Test
    void shouldListEveryJetStreamApiSubject() throws IOException {
        String parity = Files.readString(PARITY, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (String line : Files.readAllLines(JS_API_SUBJECTS, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String subject = line.split("\t")[0];
            if (!parity.contains("`" + subject + "`")) {
                missing.add(subject);
            }
        }
        assertThat(missing).as("$JS.API subjects without a row in docs/parity.md").isEmpty();
    }

    @Test
    void shouldNameAnExistingTest_forEveryDoneRow() throws IOException {
        List<String> problems = new ArrayList<>();
        int doneRows = 0;
        for (String line : Files.readAllLines(PARITY, StandardCharsets.UTF_8)) {
            Matcher row = DONE_ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            doneRows++;
            Matcher test = TEST_CLASS.matcher(row.group(1));
            if (!test.find()) {
                problems.add("no test named: " + line);
                continue;
            }
            do {
                if (!testClassExists(test.group(1))) {
                    problems.add("test class " + test.group(1) + " not found: " + line);
                }
            } while (test.find());
        }
        assertThat(doneRows).as("done rows").isPositive();
        assertThat(problems).isEmpty();
    }

    private static boolean testClassExists(String simpleName) throws IOException {
        try (var files = Files.walk(Path.of("src/test/java"))) {
            return files.anyMatch(p -> p.getFileName().toString().equals(simpleName + ".java"));
        }
    }
}

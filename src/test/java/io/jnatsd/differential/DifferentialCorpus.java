package io.jnatsd.differential;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a differential corpus file. The format, one directive per line ({@code #} starts a
 * comment line, blank lines are ignored):
 *
 * <pre>
 * case NAME            starts a case
 * &gt; BYTES              sends BYTES (escaped, see {@link WireEscapes}) on connection 1
 * 2&gt; BYTES             sends on connection 2 (any number)
 * chunk N              the sends that follow are written N bytes at a time (0: whole)
 * sync [N]             PING on connection N (default 1), read until PONG
 * end ping|eof|quiet   how the case finishes (default ping, see {@link DifferentialCase.End})
 * unordered            compare each connection's frames as a multiset
 * diff REASON          an expected difference: jnatsd is checked against the lines below
 * expect[@N] FRAME     one frame jnatsd sends on connection N, escaped; INFO* matches any INFO
 * closed[@N] yes|no    whether jnatsd closes connection N
 * </pre>
 */
final class DifferentialCorpus {

    private DifferentialCorpus() {
    }

    /** Loads a corpus from the test class path. */
    static List<DifferentialCase> load(String resource) throws IOException {
        try (InputStream in = DifferentialCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no corpus " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<DifferentialCase> parse(String text) {
        List<DifferentialCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Builder current = null;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("case ")) {
                if (current != null) {
                    cases.add(current.build());
                }
                current = new Builder(line.substring(5).strip(), n + 1);
                if (!names.add(current.name)) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": duplicate case " + current.name);
                }
            } else if (current == null) {
                throw new IllegalArgumentException("line " + (n + 1) + ": directive outside a case: " + line);
            } else {
                try {
                    current.directive(lines[n].stripLeading());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        if (current != null) {
            cases.add(current.build());
        }
        return cases;
    }

    /** Collects one case's directives. */
    private static final class Builder {
        private final String name;
        private final int line;
        private final List<DifferentialCase.Step> steps = new ArrayList<>();
        private final Map<Integer, List<String>> frames = new LinkedHashMap<>();
        private final Map<Integer, Boolean> closed = new LinkedHashMap<>();
        private DifferentialCase.End end = DifferentialCase.End.PING;
        private boolean unordered;
        private String diffReason;
        private int chunkBytes;

        Builder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        void directive(String raw) {
            int gt = raw.indexOf("> ");
            if (raw.startsWith(">") || gt > 0 && raw.substring(0, gt).chars().allMatch(Character::isDigit)) {
                int conn = raw.startsWith(">") ? 1 : Integer.parseInt(raw.substring(0, gt));
                String data = raw.substring(raw.indexOf('>') + 1);
                steps.add(new DifferentialCase.Send(conn, WireEscapes.decode(data.startsWith(" ") ? data.substring(1)
                        : data), chunkBytes));
                return;
            }
            String line = raw.strip();
            String word = line.split("\\s+", 2)[0];
            String rest = line.substring(word.length()).strip();
            String keyword = word.contains("@") ? word.substring(0, word.indexOf('@')) : word;
            int conn = word.contains("@") ? Integer.parseInt(word.substring(word.indexOf('@') + 1)) : 1;
            switch (keyword) {
                case "sync" -> steps.add(new DifferentialCase.Sync(rest.isEmpty() ? 1 : Integer.parseInt(rest)));
                case "end" -> end = DifferentialCase.End.valueOf(rest.toUpperCase(java.util.Locale.ROOT));
                case "unordered" -> unordered = true;
                case "chunk" -> chunkBytes = Integer.parseInt(rest);
                case "diff" -> diffReason = rest;
                case "expect" -> frames.computeIfAbsent(conn, k -> new ArrayList<>()).add(rest);
                case "closed" -> closed.put(conn, switch (rest) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw new IllegalArgumentException("closed wants yes or no: " + rest);
                });
                default -> throw new IllegalArgumentException("unknown directive: " + line);
            }
        }

        DifferentialCase build() {
            if (diffReason != null && (frames.isEmpty() || closed.isEmpty())) {
                throw new IllegalArgumentException("case " + name + " (line " + line
                        + "): a diff needs jnatsd's expected frames and close state");
            }
            return new DifferentialCase(name, line, List.copyOf(steps), end, unordered, diffReason,
                    Map.copyOf(frames), Map.copyOf(closed));
        }
    }
}

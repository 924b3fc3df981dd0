package io.jnatsd.config;

import io.jnatsd.config.ConfToken.Type;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Twin of {@code conf/parse.go}: builds the ordered value tree of a configuration from {@link ConfLexer}
 * tokens, resolving {@code include} directives and {@code $variable} references.
 *
 * <p>Rules, as in the reference:
 * <ul>
 *   <li>{@code include path} reads {@code path} relative to the directory of the including file (an absolute
 *       path is joined to that directory too, as Go's {@code filepath.Join} does) and merges its top-level
 *       keys into the map where the include stands. The included file is parsed on its own: it cannot see
 *       the variables of the including file, but keys it defines can be referenced after the include.</li>
 *   <li>{@code $name} looks for the key {@code name} in the map being built and then in each enclosing map,
 *       innermost first, among keys defined before the reference; if none has it, the environment variable
 *       {@code name} is read and parsed as a value ({@code 22} is an integer, {@code '3x'} a string); a
 *       variable that refers back to itself through the environment is an error. A bare {@code $2a$...}
 *       (a bcrypt hash) is a plain string.</li>
 *   <li>A later key replaces an earlier one with the same name; the map keeps the first one's place.</li>
 *   <li>A key with no value at the end of the input is an error, except a stray {@code }} (JSON-like files).</li>
 * </ul>
 * Beyond the reference: include loops and missing files are reported with the include chain, and every error
 * names file, line and column.
 *
 * <p>Thread-safe: an instance only holds the environment lookup; each parse uses its own state.
 */
public final class ConfParser {

    /** Includes nested deeper than this are refused (loops are caught earlier, by path). */
    public static final int MAX_INCLUDE_DEPTH = 64;

    private static final String ENV_KEY = "pk";
    private static final String BCRYPT_PREFIX = "2a$";

    private final Function<String, String> environment;

    /** A parser that reads environment variables from the process environment. */
    public ConfParser() {
        this(System::getenv);
    }

    /**
     * @param environment looks up an environment variable by name, {@code null} when it is not set
     */
    public ConfParser(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * Parses a configuration file.
     *
     * @param file the file; its name as given appears in positions and errors
     * @return the root value, a map
     * @throws ConfException when the file or an included one cannot be read or parsed
     */
    public ConfValue parseFile(Path file) throws ConfException {
        Session session = new Session();
        return session.parseFileAt(file, null);
    }

    /**
     * Parses configuration text; includes are resolved against the working directory.
     *
     * @param text the configuration
     * @return the root value, a map
     * @throws ConfException when the text cannot be parsed
     */
    public ConfValue parseString(String text) throws ConfException {
        return parseString(text, ConfPosition.NO_FILE, Path.of(""));
    }

    /**
     * Parses configuration text that comes from somewhere other than a file.
     *
     * @param text    the configuration
     * @param label   the name to use in positions
     * @param baseDir the directory includes are resolved against
     * @return the root value, a map
     * @throws ConfException when the text cannot be parsed
     */
    public ConfValue parseString(String text, String label, Path baseDir) throws ConfException {
        return new Run(new Session(), text, label, baseDir).parse();
    }

    /**
     * Parses a configuration file into plain values, without positions.
     *
     * @param file the file
     * @return the ordered tree ({@code LinkedHashMap}, {@code List}, {@code String}, {@code Long},
     *         {@code Double}, {@code Boolean}, {@code Instant})
     * @throws ConfException when the file cannot be read or parsed
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> parseFileToMap(Path file) throws ConfException {
        return (Map<String, Object>) parseFile(file).plain();
    }

    /** State shared by one top-level parse and every include and environment value parsed under it. */
    private final class Session {
        private final Deque<Path> includeChain = new ArrayDeque<>();
        private final Set<String> environmentInProgress = new HashSet<>();
        /** Maps, arrays and includes open right now, across all files: bounds the parser's recursion. */
        private int nesting;

        void enter(ConfToken at) throws ConfException {
            if (++nesting > ConfLexer.MAX_NESTING) {
                throw new ConfException(at.position(), "nesting deeper than " + ConfLexer.MAX_NESTING
                        + " levels, counting maps, arrays and includes across files", at.text());
            }
        }

        void leave() {
            nesting--;
        }

        ConfValue parseFileAt(Path file, ConfPosition includeSite) throws ConfException {
            String label = file.toString();
            Path key = identity(file);
            if (includeChain.contains(key)) {
                throw new ConfException(includeSite, "include loop: " + chainText(key), file.toString());
            }
            if (includeChain.size() >= MAX_INCLUDE_DEPTH) {
                throw new ConfException(includeSite, "includes nested deeper than " + MAX_INCLUDE_DEPTH,
                        file.toString());
            }
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException | SecurityException e) {
                String reason = "cannot read " + (includeSite == null ? "configuration" : "include") + " file '"
                        + label + "': " + describe(e);
                throw new ConfException(includeSite == null ? ConfPosition.wholeFile(label) : includeSite,
                        reason, null, e);
            }
            includeChain.push(key);
            try {
                Path dir = file.getParent() == null ? Path.of("") : file.getParent();
                return new Run(this, text, label, dir).parse();
            } finally {
                includeChain.pop();
            }
        }

        private String chainText(Path again) {
            StringBuilder sb = new StringBuilder();
            List<Path> inOrder = new ArrayList<>(includeChain);
            for (int i = inOrder.size() - 1; i >= 0; i--) {
                sb.append(inOrder.get(i).getFileName()).append(" -> ");
            }
            return sb.append(again.getFileName()).toString();
        }
    }

    /** One text being parsed: its tokens and the stack of maps visible to variable references. */
    private final class Run {
        private final Session session;
        private final String label;
        private final Path baseDir;
        private final String text;
        private final Deque<Map<String, ConfValue>> scopes = new ArrayDeque<>();
        private List<ConfToken> tokens;
        private int next;

        Run(Session session, String text, String label, Path baseDir) {
            this.session = session;
            this.text = text;
            this.label = label;
            this.baseDir = baseDir;
        }

        ConfValue parse() throws ConfException {
            tokens = ConfLexer.tokenize(text, label);
            Map<String, ConfValue> root = new LinkedHashMap<>();
            scopes.push(root);
            parseEntries(root, false);
            scopes.pop();
            return new ConfValue(root, new ConfPosition(label, 1, 1), null);
        }

        /** Key/value pairs and includes until the end of the input or of the map. */
        private void parseEntries(Map<String, ConfValue> target, boolean nested) throws ConfException {
            while (true) {
                ConfToken t = tokens.get(next++);
                switch (t.type()) {
                    case KEY -> {
                        ConfToken value = tokens.get(next);
                        if (value.type() == Type.EOF) {
                            if (nested || !t.text().equals("}")) {
                                throw new ConfException(t.position(), "key '" + t.text()
                                        + "' has no value (a key must be followed by '=', ':' or a space and"
                                        + " a value)", t.text());
                            }
                            return;
                        }
                        next++;
                        target.put(t.text(), parseValue(value, t.position()));
                    }
                    case INCLUDE -> include(t, target);
                    case MAP_END -> {
                        if (nested) {
                            return;
                        }
                        throw unexpected(t);
                    }
                    case EOF -> {
                        if (nested) {
                            throw unexpected(t);
                        }
                        return;
                    }
                    default -> throw unexpected(t);
                }
            }
        }

        private ConfValue parseValue(ConfToken t, ConfPosition keyPos) throws ConfException {
            ConfPosition at = t.position();
            return switch (t.type()) {
                case STRING -> new ConfValue(t.text(), at, keyPos);
                case BOOL -> new ConfValue(parseBool(t.text(), at), at, keyPos);
                case INTEGER -> new ConfValue(ConfNumbers.parseInteger(t.text(), at), at, keyPos);
                case FLOAT -> new ConfValue(ConfNumbers.parseFloat(t.text(), at), at, keyPos);
                case DATETIME -> new ConfValue(ConfNumbers.parseDateTime(t.text(), at), at, keyPos);
                case VARIABLE -> resolveVariable(t, keyPos);
                case ARRAY_START -> {
                    session.enter(t);
                    List<ConfValue> list = new ArrayList<>();
                    while (tokens.get(next).type() != Type.ARRAY_END) {
                        list.add(parseValue(tokens.get(next++), null));
                    }
                    next++;
                    session.leave();
                    yield new ConfValue(list, at, keyPos);
                }
                case MAP_START -> {
                    session.enter(t);
                    Map<String, ConfValue> map = new LinkedHashMap<>();
                    scopes.push(map);
                    parseEntries(map, true);
                    scopes.pop();
                    session.leave();
                    yield new ConfValue(map, at, keyPos);
                }
                default -> throw unexpected(t);
            };
        }

        private ConfValue resolveVariable(ConfToken t, ConfPosition keyPos) throws ConfException {
            String name = t.text();
            if (name.startsWith(BCRYPT_PREFIX)) {
                return new ConfValue("$" + name, t.position(), keyPos);
            }
            for (Map<String, ConfValue> scope : scopes) {
                ConfValue found = scope.get(name);
                if (found != null) {
                    found.markUsedAsVariable();
                    return new ConfValue(found.raw(), t.position(), keyPos);
                }
            }
            if (session.environmentInProgress.contains(name)) {
                throw new ConfException(t.position(), "variable reference cycle for '" + name
                        + "' through the environment", "$" + name);
            }
            String value = environment.apply(name);
            if (value == null) {
                throw new ConfException(t.position(), "variable '" + name + "' is not defined: no earlier key of"
                        + " that name in this block or an enclosing one, and no environment variable", "$" + name);
            }
            session.environmentInProgress.add(name);
            session.enter(t);
            try {
                Run sub = new Run(session, ENV_KEY + "=" + value, "environment variable " + name, Path.of(""));
                @SuppressWarnings("unchecked")
                Map<String, ConfValue> parsed = (Map<String, ConfValue>) sub.parse().raw();
                ConfValue v = parsed.get(ENV_KEY);
                if (v == null) {
                    throw new ConfException(t.position(), "environment variable '" + name + "' holds no value",
                            "$" + name);
                }
                return new ConfValue(v.raw(), t.position(), keyPos);
            } catch (ConfException e) {
                if (e.position().equals(t.position())) {
                    throw e;
                }
                throw new ConfException(t.position(), "environment variable '" + name
                        + "' could not be parsed as a value: " + e.getMessage(), "$" + name, e);
            } finally {
                session.leave();
                session.environmentInProgress.remove(name);
            }
        }

        private void include(ConfToken t, Map<String, ConfValue> target) throws ConfException {
            Path path;
            try {
                path = resolveInclude(baseDir, t.text());
            } catch (InvalidPathException e) {
                throw new ConfException(t.position(), "invalid include path: " + e.getReason(), t.text());
            }
            ConfValue included;
            session.enter(t);
            try {
                included = session.parseFileAt(path, t.position());
            } catch (ConfException e) {
                if (e.position().equals(t.position())) {
                    throw e;
                }
                throw e.includedFrom(t.position());
            } finally {
                session.leave();
            }
            @SuppressWarnings("unchecked")
            Map<String, ConfValue> entries = (Map<String, ConfValue>) included.raw();
            target.putAll(entries);
        }

        private ConfException unexpected(ConfToken t) {
            return new ConfException(t.position(), "unexpected " + t.type().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' '), t.text());
        }
    }

    /**
     * Resolves an include path as the reference does, with {@code filepath.Join(dir, path)}: an absolute path
     * is joined to the directory as well.
     *
     * @param baseDir the including file's directory
     * @param include the path as written
     * @return the path to read
     */
    static Path resolveInclude(Path baseDir, String include) {
        Path p = Path.of(include);
        if (p.isAbsolute()) {
            p = p.getRoot().relativize(p);
        }
        return baseDir.resolve(p).normalize();
    }

    private static boolean parseBool(String text, ConfPosition at) throws ConfException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfException(at, "expected a boolean", text);
        };
    }

    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | SecurityException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String describe(Exception e) {
        String simple = e.getClass().getSimpleName();
        return switch (simple) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() == null ? simple : simple + ": " + e.getMessage();
        };
    }
}

package io.jnatsd.subject;

import io.jnatsd.subject.MappingFunction.Kind;
import io.jnatsd.subject.SubjectTransformException.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Twin of `server/subject_transform.go`: maps a subject matching a source pattern to a destination built from
 * its tokens, as used by account mappings, imports/exports, stream subject transforms and republish.
 *
 * <p>The destination is a subject whose tokens are plain text, {@code $N} / {@code {{wildcard(N)}}} (the
 * N-th {@code *} of the source), or functions of source tokens: {@code partition(n, N...)},
 * {@code splitFromLeft(N, pos)}, {@code splitFromRight(N, pos)}, {@code sliceFromLeft(N, size)},
 * {@code sliceFromRight(N, size)}, {@code split(N, delimiter)}, {@code left(N, len)}, {@code right(N, len)}
 * and {@code random(n)}. A source ending in {@code >} needs a destination ending in {@code >}, which receives
 * the remaining tokens. Token lengths count UTF-16 chars where the reference counts bytes; they agree on
 * ASCII subjects.
 *
 * <p>Immutable and thread-safe.
 */
public final class SubjectTransform {

    private static final String FULL = ">";
    private static final Pattern WILDCARD_FUNCTION = Pattern.compile("\\{\\{\\s*[wW]ildcard\\s*\\((.*)\\)\\s*}}");

    private final String source;
    private final String destination;
    private final String[] sourceTokens;
    private final String[] destinationTokens;
    private final MappingFunction[] functions;
    /** Per destination token, the source token positions its function reads. */
    private final int[][] sourcePositions;

    private SubjectTransform(String source, String destination, String[] sourceTokens, String[] destinationTokens,
            MappingFunction[] functions, int[][] sourcePositions) {
        this.source = source;
        this.destination = destination;
        this.sourceTokens = sourceTokens;
        this.destinationTokens = destinationTokens;
        this.functions = functions;
        this.sourcePositions = sourcePositions;
    }

    /**
     * Builds the transform from {@code source} (empty means {@code >}) to {@code destination} (reference
     * {@code NewSubjectTransform}). Returns null when {@code destination} is empty: there is nothing to map.
     *
     * @throws SubjectTransformException if the subjects or the destination functions are not valid
     */
    public static SubjectTransform compile(String source, String destination) {
        return compile(source, destination, false);
    }

    /**
     * Like {@link #compile}, for a transform that must be reversible (imports, reference
     * {@code NewSubjectTransformStrict}): only wildcard references, and every source {@code *} used.
     */
    public static SubjectTransform compileStrict(String source, String destination) {
        return compile(source, destination, true);
    }

    private static SubjectTransform compile(String source, String destination, boolean strict) {
        if (destination == null || destination.isEmpty()) {
            return null;
        }
        String src = source == null || source.isEmpty() ? FULL : source;
        String[] sourceTokens = Subjects.split(src);
        String[] destinationTokens = Subjects.split(destination);
        int partials = countPartials(sourceTokens);
        boolean sourceFull = endsWithFull(sourceTokens);
        if (!isWellFormed(sourceTokens) || !isWellFormed(destinationTokens)
                || countPartials(destinationTokens) > 0 || sourceFull != endsWithFull(destinationTokens)) {
            throw new SubjectTransformException(Reason.BAD_SUBJECT);
        }
        MappingFunction[] functions = new MappingFunction[destinationTokens.length];
        int[][] positions = new int[destinationTokens.length][];
        if (partials > 0 || sourceFull) {
            int[] partialPositions = partialPositions(sourceTokens, partials);
            int placeholders = 0;
            for (int i = 0; i < destinationTokens.length; i++) {
                String token = destinationTokens[i];
                MappingFunction function = MappingFunction.parse(token);
                if (strict && function.kind() != Kind.NONE && function.kind() != Kind.WILDCARD) {
                    throw new SubjectTransformException(Reason.NOT_SUPPORTED_FOR_IMPORT, token);
                }
                functions[i] = function;
                positions[i] = sourcePositionsOf(function, token, partialPositions);
                if (function.kind() != Kind.NONE && function.kind() != Kind.RANDOM) {
                    placeholders += function.wildcardIndexes().length;
                }
            }
            if (strict && placeholders < partials) {
                throw new SubjectTransformException(Reason.NOT_USING_ALL_WILDCARDS, destination);
            }
        } else {
            for (int i = 0; i < destinationTokens.length; i++) {
                MappingFunction function = MappingFunction.parse(destinationTokens[i]);
                if (function.kind() == Kind.NONE) {
                    positions[i] = new int[] {-1};
                } else if (function.kind() == Kind.RANDOM || function.kind() == Kind.PARTITION) {
                    positions[i] = new int[0];
                } else {
                    throw new SubjectTransformException(Reason.INDEX_OUT_OF_RANGE, destinationTokens[i]);
                }
                functions[i] = function;
            }
        }
        return new SubjectTransform(src, destination, sourceTokens, destinationTokens, functions, positions);
    }

    /**
     * Checks a mapping destination the way the reference's {@code ValidateMapping} does before building it: no
     * empty token, nothing after {@code >}, no whitespace, only known functions (this check, like the
     * reference's, does not know {@code left} and {@code right}), then {@link #compile}. An empty destination
     * is valid.
     *
     * @throws SubjectTransformException if the mapping is not valid
     */
    public static void validateMapping(String source, String destination) {
        if (destination == null || destination.isEmpty()) {
            return;
        }
        boolean afterFull = false;
        for (String token : Subjects.split(destination)) {
            int length = token.length();
            if (length == 0 || afterFull) {
                throw new SubjectTransformException(Reason.INVALID_DESTINATION_SUBJECT, token);
            }
            if (length > 4 && token.startsWith("{{") && token.endsWith("}}")) {
                if (!MappingFunction.isKnownToValidateMapping(token)) {
                    throw new SubjectTransformException(Reason.UNKNOWN_FUNCTION, token);
                }
                continue;
            }
            if (token.equals(FULL)) {
                afterFull = true;
            } else if (hasWhitespace(token)) {
                throw new SubjectTransformException(Reason.INVALID_DESTINATION_SUBJECT);
            }
        }
        compile(source, destination);
    }

    /** The source pattern ({@code >} when built from an empty source). */
    public String source() {
        return source;
    }

    /** The destination as configured. */
    public String destination() {
        return destination;
    }

    /**
     * The mapped subject if the literal {@code subject} matches the source (reference {@code Match}), else
     * null: when it does not match, or is not a valid literal subject.
     */
    public String match(String subject) {
        boolean anySource = source.equals(FULL);
        if (anySource && destination.equals(FULL)) {
            return subject;
        }
        String[] tokens = Subjects.split(subject);
        if (!isValidLiteral(tokens)) {
            return null;
        }
        if (anySource || Subjects.matchLiteral(subject, source)) {
            return transformTokens(tokens);
        }
        return null;
    }

    /**
     * Maps {@code subject} without checking that it matches the source (reference {@code TransformSubject});
     * tokens the destination asks for but the subject lacks come out empty.
     */
    public String transform(String subject) {
        return transformTokens(Subjects.split(subject));
    }

    /**
     * The transform that maps results back to sources (reference {@code reverse}), used for import replies; null
     * if there is none. Its source is the destination with each wildcard reference turned into {@code *}; its
     * destination puts each of those back where the source had it. The reference fills the source's wildcards
     * in destination order, which is only right when the reordering undoes itself (a swap); this twin inverts
     * any reordering.
     */
    public SubjectTransform reverse() {
        List<String> reversedSource = new ArrayList<>();
        List<Integer> referenced = new ArrayList<>();
        for (int i = 0; i < destinationTokens.length; i++) {
            String token = destinationTokens[i];
            if (isWildcardPlaceholder(token)) {
                referenced.add(functions[i].wildcardIndexes()[0]);
                reversedSource.add("*");
            } else {
                reversedSource.add(token);
            }
        }
        List<String> reversedDestination = new ArrayList<>();
        int wildcard = 0;
        for (String token : sourceTokens) {
            if (token.equals("*")) {
                int placeholder = referenced.indexOf(++wildcard);
                if (placeholder < 0) {
                    return null;
                }
                reversedDestination.add("$" + (placeholder + 1));
            } else {
                reversedDestination.add(token);
            }
        }
        try {
            return compileStrict(String.join(".", reversedSource), String.join(".", reversedDestination));
        } catch (SubjectTransformException e) {
            return null;
        }
    }

    /**
     * Turns the {@code *} tokens of a subject into numbered placeholders, {@code foo.*.*} to {@code foo.$1.$2}
     * (reference {@code transformTokenize}).
     */
    public static String wildcardsToPlaceholders(String subject) {
        StringBuilder out = new StringBuilder(subject.length() + 4);
        int number = 1;
        String[] tokens = Subjects.split(subject);
        for (int i = 0; i < tokens.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            if (tokens[i].equals("*")) {
                out.append('$').append(number++);
            } else {
                out.append(tokens[i]);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "SubjectTransform{" + source + " -> " + destination + '}';
    }

    String transformTokens(String[] tokens) {
        StringBuilder out = new StringBuilder(64);
        int last = functions.length - 1;
        for (int i = 0; i <= last; i++) {
            MappingFunction function = functions[i];
            if (function.kind() == Kind.NONE) {
                if (destinationTokens[i].equals(FULL)) {
                    break;
                }
                out.append(destinationTokens[i]);
            } else {
                TransformFunctions.apply(function, sourcePositions[i], tokens, out);
            }
            if (i < last) {
                out.append('.');
            }
        }
        if (destinationTokens[destinationTokens.length - 1].equals(FULL)) {
            for (int i = sourceTokens.length - 1; i < tokens.length; i++) {
                out.append(tokens[i]);
                if (i < tokens.length - 1) {
                    out.append('.');
                }
            }
        }
        return out.toString();
    }

    private static int[] sourcePositionsOf(MappingFunction function, String token, int[] partialPositions) {
        if (function.kind() == Kind.NONE) {
            return new int[] {-1};
        }
        if (function.kind() == Kind.RANDOM) {
            return new int[0];
        }
        int[] wildcards = function.wildcardIndexes();
        int[] positions = new int[wildcards.length];
        for (int j = 0; j < wildcards.length; j++) {
            int wildcard = wildcards[j];
            if (wildcard > partialPositions.length) {
                throw new SubjectTransformException(Reason.INDEX_OUT_OF_RANGE, token + ": [" + wildcard + "]");
            }
            // As in the reference, a wildcard number below 1 reads source token 0.
            positions[j] = wildcard >= 1 ? partialPositions[wildcard - 1] : 0;
        }
        return positions;
    }

    private static int[] partialPositions(String[] sourceTokens, int partials) {
        int[] positions = new int[partials];
        int n = 0;
        for (int i = 0; i < sourceTokens.length; i++) {
            if (sourceTokens[i].equals("*")) {
                positions[n++] = i;
            }
        }
        return positions;
    }

    private static int countPartials(String[] tokens) {
        int count = 0;
        for (String token : tokens) {
            if (token.equals("*")) {
                count++;
            }
        }
        return count;
    }

    private static boolean endsWithFull(String[] tokens) {
        return tokens[tokens.length - 1].equals(FULL);
    }

    /** The reference's {@code subjectInfo} validity: no empty token and nothing after {@code >}. */
    private static boolean isWellFormed(String[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].isEmpty() || i > 0 && tokens[i - 1].equals(FULL)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidLiteral(String[] tokens) {
        for (String token : tokens) {
            if (token.isEmpty() || token.equals("*") || token.equals(FULL)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWildcardPlaceholder(String token) {
        if (token.length() > 1 && token.charAt(0) == '$' && token.charAt(1) >= '1' && token.charAt(1) <= '9') {
            return true;
        }
        String[] args = MappingFunction.arguments(WILDCARD_FUNCTION, token);
        return args != null && args.length == 1 && !args[0].isEmpty();
    }

    private static boolean hasWhitespace(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}

package io.jnatsd.subject;

import io.jnatsd.subject.SubjectTransformException.Reason;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One destination token of a subject transform, parsed: the twin of {@code indexPlaceHolders} in
 * `server/subject_transform.go`. A token is plain text, an old-style {@code $N} wildcard reference, or a
 * mustache function such as {@code {{wildcard(1)}}}, {@code {{partition(10,1,2)}}} or {@code {{split(1,-)}}}.
 * Function names match the reference's patterns: the first letter of each word in either case.
 *
 * <p>Immutable and thread-safe. Parsing runs when a mapping is configured, never per message, so it may use
 * regular expressions.
 *
 * @param kind            what the token does
 * @param wildcardIndexes the 1-based source wildcard numbers the function reads (empty when none)
 * @param intArg          the number argument (partitions, position, size, random ceiling), or -1
 * @param stringArg       the split delimiter, or ""
 */
record MappingFunction(Kind kind, int[] wildcardIndexes, int intArg, String stringArg) {

    /** The function types of the reference ({@code NoTransform} .. {@code Random}). */
    enum Kind {
        NONE, PARTITION, WILDCARD, SPLIT_FROM_LEFT, SPLIT_FROM_RIGHT, SLICE_FROM_LEFT, SLICE_FROM_RIGHT, SPLIT,
        LEFT, RIGHT, RANDOM
    }

    /** The functions in the order the reference tries them; each regex captures the argument list. */
    private static final List<Named> FUNCTIONS = List.of(
            new Named(Kind.WILDCARD, fn("[wW]ildcard")),
            new Named(Kind.PARTITION, fn("[pP]artition")),
            new Named(Kind.SPLIT_FROM_LEFT, fn("[sS]plit[fF]rom[lL]eft")),
            new Named(Kind.SPLIT_FROM_RIGHT, fn("[sS]plit[fF]rom[rR]ight")),
            new Named(Kind.SLICE_FROM_LEFT, fn("[sS]lice[fF]rom[lL]eft")),
            new Named(Kind.SLICE_FROM_RIGHT, fn("[sS]lice[fF]rom[rR]ight")),
            new Named(Kind.RIGHT, fn("[rR]ight")),
            new Named(Kind.LEFT, fn("[lL]eft")),
            new Named(Kind.SPLIT, fn("[sS]plit")),
            new Named(Kind.RANDOM, fn("[rR]andom")));
    private static final Pattern COMMA = Pattern.compile(",\\s*");
    private static final MappingFunction PLAIN = new MappingFunction(Kind.NONE, new int[] {-1}, -1, "");

    private record Named(Kind kind, Pattern pattern) {
    }

    private static Pattern fn(String name) {
        return Pattern.compile("\\{\\{\\s*" + name + "\\s*\\((.*)\\)\\s*}}");
    }

    /**
     * Parses one destination token.
     *
     * @throws SubjectTransformException for an unknown function or bad arguments
     */
    static MappingFunction parse(String token) {
        int length = token.length();
        if (length <= 1) {
            return PLAIN;
        }
        if (token.charAt(0) == '$') {
            Long index = parseNumber(token.substring(1));
            return index == null ? PLAIN : new MappingFunction(Kind.WILDCARD, new int[] {clamp(index)}, -1, "");
        }
        if (length <= 4 || !token.startsWith("{{") || !token.endsWith("}}")) {
            return PLAIN;
        }
        for (Named function : FUNCTIONS) {
            String[] args = arguments(function.pattern(), token);
            if (args != null) {
                return withArguments(function.kind(), token, args);
            }
        }
        throw new SubjectTransformException(Reason.UNKNOWN_FUNCTION, token);
    }

    /** The argument list of {@code token} if {@code pattern} finds the function in it, else null. */
    static String[] arguments(Pattern pattern, String token) {
        Matcher matcher = pattern.matcher(token);
        return matcher.find() ? COMMA.split(matcher.group(1), -1) : null;
    }

    /** Whether {@code token} is one of the functions that {@code ValidateMapping} recognises. */
    static boolean isKnownToValidateMapping(String token) {
        for (Named function : FUNCTIONS) {
            boolean checked = function.kind() != Kind.LEFT && function.kind() != Kind.RIGHT;
            if (checked && function.pattern().matcher(token).find()) {
                return true;
            }
        }
        return false;
    }

    private static MappingFunction withArguments(Kind kind, String token, String[] args) {
        return switch (kind) {
            case WILDCARD -> wildcard(token, args);
            case PARTITION -> partition(token, args);
            case SPLIT -> split(token, args);
            case RANDOM -> random(token, args);
            default -> indexAndNumber(kind, token, args);
        };
    }

    private static MappingFunction wildcard(String token, String[] args) {
        if (args.length == 1 && args[0].isEmpty()) {
            throw new SubjectTransformException(Reason.NOT_ENOUGH_ARGS, token);
        }
        if (args.length > 1) {
            throw new SubjectTransformException(Reason.TOO_MANY_ARGS, token);
        }
        return new MappingFunction(Kind.WILDCARD, new int[] {index(token, args[0])}, -1, "");
    }

    private static MappingFunction partition(String token, String[] args) {
        int partitions = int32(token, args[0]);
        int[] indexes = new int[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            indexes[i - 1] = index(token, args[i]);
        }
        return new MappingFunction(Kind.PARTITION, indexes, partitions, "");
    }

    private static MappingFunction split(String token, String[] args) {
        checkTwoArguments(token, args);
        int index = index(token, args[0]);
        String delimiter = args[1];
        if (delimiter.contains(" ") || delimiter.contains(".")) {
            throw new SubjectTransformException(Reason.INVALID_ARG, token);
        }
        return new MappingFunction(Kind.SPLIT, new int[] {index}, -1, delimiter);
    }

    private static MappingFunction random(String token, String[] args) {
        if (args.length != 1) {
            throw new SubjectTransformException(Reason.NOT_ENOUGH_ARGS, token);
        }
        return new MappingFunction(Kind.RANDOM, new int[0], int32(token, args[0]), "");
    }

    private static MappingFunction indexAndNumber(Kind kind, String token, String[] args) {
        checkTwoArguments(token, args);
        return new MappingFunction(kind, new int[] {index(token, args[0])}, int32(token, args[1]), "");
    }

    private static void checkTwoArguments(String token, String[] args) {
        if (args.length < 2) {
            throw new SubjectTransformException(Reason.NOT_ENOUGH_ARGS, token);
        }
        if (args.length > 2) {
            throw new SubjectTransformException(Reason.TOO_MANY_ARGS, token);
        }
    }

    /**
     * A wildcard number: any integer the reference's {@code strconv.Atoi} takes, after trimming spaces; numbers
     * past 32 bits are clamped, which keeps them out of range as they are in the reference.
     */
    private static int index(String token, String arg) {
        Long value = parseNumber(trimSpaces(arg));
        if (value == null) {
            throw new SubjectTransformException(Reason.INVALID_ARG, token);
        }
        return clamp(value);
    }

    private static int clamp(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /** A number argument that must fit in 32 bits, as the reference checks. */
    private static int int32(String token, String arg) {
        Long value = parseNumber(trimSpaces(arg));
        if (value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new SubjectTransformException(Reason.INVALID_ARG, token);
        }
        return value.intValue();
    }

    private static Long parseNumber(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }
}

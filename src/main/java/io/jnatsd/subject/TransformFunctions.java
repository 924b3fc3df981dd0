package io.jnatsd.subject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The destination functions of a {@link SubjectTransform}, applied to the tokens of one subject (the
 * {@code switch} of {@code TransformTokenizedSubject} in `server/subject_transform.go`). Each writes its output
 * to a builder; a token position the subject lacks reads as empty.
 *
 * <p>Thread-safe: stateless.
 */
final class TransformFunctions {

    private static final int FNV32_OFFSET_BASIS = 0x811C9DC5;
    private static final int FNV32_PRIME = 0x01000193;

    private TransformFunctions() {
    }

    static void apply(MappingFunction function, int[] positions, String[] tokens, StringBuilder out) {
        switch (function.kind()) {
            case PARTITION -> out.append(partition(positions, tokens, function.intArg()));
            case WILDCARD -> {
                if (positions.length > 0 && positions[0] < tokens.length) {
                    out.append(tokens[positions[0]]);
                }
            }
            case SPLIT_FROM_LEFT -> splitAt(token(tokens, positions), function.intArg(), out);
            case SPLIT_FROM_RIGHT -> {
                String token = token(tokens, positions);
                splitAt(token, token.length() - function.intArg(), out);
            }
            case SLICE_FROM_LEFT -> sliceFromLeft(token(tokens, positions), function.intArg(), out);
            case SLICE_FROM_RIGHT -> sliceFromRight(token(tokens, positions), function.intArg(), out);
            case SPLIT -> split(token(tokens, positions), function.stringArg(), out);
            case LEFT -> {
                String token = token(tokens, positions);
                int size = function.intArg();
                out.append(size > 0 && size < token.length() ? token.substring(0, size) : token);
            }
            case RIGHT -> {
                String token = token(tokens, positions);
                int size = function.intArg();
                out.append(size > 0 && size < token.length() ? token.substring(token.length() - size) : token);
            }
            case RANDOM -> out.append(random(function.intArg()));
            case NONE -> throw new IllegalArgumentException("plain tokens are copied by the caller");
        }
    }

    /** The partition as the reference computes it: FNV-1a (32 bit) of the key bytes, modulo the count. */
    static String partition(int[] positions, String[] tokens, int partitions) {
        if (partitions == 0) {
            return "0";
        }
        String key;
        if (positions.length > 0) {
            StringBuilder joined = new StringBuilder();
            for (int position : positions) {
                joined.append(position < tokens.length ? tokens[position] : "");
            }
            key = joined.toString();
        } else {
            key = String.join(".", tokens);
        }
        long hash = Integer.toUnsignedLong(fnv1a32(key));
        return Long.toString(hash % Integer.toUnsignedLong(partitions));
    }

    static int fnv1a32(String key) {
        int hash = FNV32_OFFSET_BASIS;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= FNV32_PRIME;
        }
        return hash;
    }

    private static String random(int ceiling) {
        if (ceiling == 0) {
            return "0";
        }
        int draw = ThreadLocalRandom.current().nextInt() & Integer.MAX_VALUE;
        return Integer.toString(draw % ceiling);
    }

    private static String token(String[] tokens, int[] positions) {
        return positions.length > 0 && positions[0] < tokens.length ? tokens[positions[0]] : "";
    }

    /** {@code token} with a dot inserted at {@code at}, or unchanged when {@code at} is not inside it. */
    private static void splitAt(String token, int at, StringBuilder out) {
        if (at > 0 && at < token.length()) {
            out.append(token, 0, at).append('.').append(token, at, token.length());
        } else {
            out.append(token);
        }
    }

    /** Pieces of {@code size} from the left, the shorter rest last: 1234567 by 3 gives 123.456.7. */
    private static void sliceFromLeft(String token, int size, StringBuilder out) {
        int length = token.length();
        if (size <= 0 || size >= length) {
            out.append(token);
            return;
        }
        for (int start = 0; start < length; start += size) {
            if (start > 0) {
                out.append('.');
            }
            out.append(token, start, Math.min(start + size, length));
        }
    }

    /** Pieces of {@code size} from the right, the shorter rest first: 1234567 by 3 gives 1.234.567. */
    private static void sliceFromRight(String token, int size, StringBuilder out) {
        int length = token.length();
        if (size <= 0 || size >= length) {
            out.append(token);
            return;
        }
        int start = length % size;
        if (start > 0) {
            out.append(token, 0, start).append('.');
        }
        for (; start < length; start += size) {
            out.append(token, start, start + size);
            if (start + size < length) {
                out.append('.');
            }
        }
    }

    /**
     * The parts of {@code token} between delimiters, as dotted tokens. Empty parts are dropped; like the
     * reference, a dot is written before a non-empty part unless only the first part came before it and was
     * empty (so a doubled leading delimiter leaves a leading dot).
     */
    private static void split(String token, String delimiter, StringBuilder out) {
        String[] parts = splitAll(token, delimiter);
        for (int j = 0; j < parts.length; j++) {
            String part = parts[j];
            out.append(part);
            boolean nextNonEmpty = j < parts.length - 1 && !parts[j + 1].isEmpty();
            if (nextNonEmpty && !(j == 0 && part.isEmpty())) {
                out.append('.');
            }
        }
    }

    /** Every part between occurrences of {@code delimiter}, keeping empty ones; "" splits into characters. */
    private static String[] splitAll(String s, String delimiter) {
        if (delimiter.isEmpty()) {
            return s.codePoints().mapToObj(Character::toString).toArray(String[]::new);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int at;
        while ((at = s.indexOf(delimiter, start)) >= 0) {
            parts.add(s.substring(start, at));
            start = at + delimiter.length();
        }
        parts.add(s.substring(start));
        return parts.toArray(new String[0]);
    }
}

package io.jnatsd.config;

import java.util.regex.Pattern;

/**
 * Storage sizes in configuration values, as the reference reads them ({@code getStorageSize} in
 * {@code server/opts.go}, used for JetStream {@code max_memory_store}, {@code max_file_store} and the like).
 *
 * <p>An integer is taken as bytes; the conf language has already applied any unquoted suffix, so
 * {@code 1G} unquoted is 1,000,000,000 and {@code 1GB} is 1,073,741,824. A string must be digits followed by
 * exactly one upper-case {@code K}, {@code M}, {@code G} or {@code T}, each a power of 1024, so {@code "1G"}
 * quoted is 1,073,741,824; the empty string is 0. Stateless.
 */
public final class ConfSizes {

    private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");

    private ConfSizes() {
    }

    /**
     * Parses a size string such as {@code "10G"} (binary units, upper case only).
     *
     * @param text the string
     * @return bytes
     * @throws IllegalArgumentException when the text is not a number with one of the suffixes K, M, G, T
     */
    public static long parse(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int shift = switch (text.charAt(text.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> -1;
        };
        String digits = text.substring(0, text.length() - 1);
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("invalid size \"" + text + "\": expected an integer before the suffix");
        }
        if (shift < 0) {
            throw new IllegalArgumentException("sizes defined as strings must end in K, M, G, T");
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("size \"" + text + "\" is out of the 64-bit range", e);
        }
    }

    /**
     * Reads a size option: an integer as is, a string through {@link #parse(String)}.
     *
     * @param value the option value
     * @param field the option name, for the message
     * @return bytes
     * @throws ConfException naming the value's position when it is not a valid size
     */
    public static long fromValue(ConfValue value, String field) throws ConfException {
        Object v = value.value();
        if (v instanceof Long bytes) {
            return bytes;
        }
        if (v instanceof String s) {
            try {
                return parse(s);
            } catch (IllegalArgumentException e) {
                throw new ConfException(value.reportPosition(), "error parsing " + field + ": " + e.getMessage(), s);
            }
        }
        throw new ConfException(value.reportPosition(), "error parsing " + field + ": must be an integer or a string",
                String.valueOf(v));
    }
}

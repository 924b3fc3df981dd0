package io.jnatsd.jetstream.store;

import java.util.Locale;

/**
 * Compression of sealed message blocks, the stream option {@code compression} of {@code server/stream.go}
 * ({@code none} or {@code s2}); see {@link BlockFrame}.
 */
public enum StoreCompression {
    /** Blocks stay as written (the default). */
    NONE,
    /** A block is S2-compressed when it is sealed (no longer the last one). */
    S2;

    /**
     * @param value the config value ({@code none}, {@code s2}, empty or null for none), any case
     * @return the setting
     * @throws IllegalArgumentException for any other value
     */
    public static StoreCompression fromConfig(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "s2" -> S2;
            default -> throw new IllegalArgumentException("unknown compression: " + value);
        };
    }
}

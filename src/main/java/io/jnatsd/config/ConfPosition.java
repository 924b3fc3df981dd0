package io.jnatsd.config;

/**
 * Where something sits in a configuration source: the file (or a label such as {@code <string>} for text
 * that came from no file), the line and the column, both counted from 1, columns in Unicode code points.
 *
 * <p>Immutable, thread-safe.
 *
 * @param file   the file name as the user gave it, or a label for in-memory text
 * @param line   1-based line
 * @param column 1-based column
 */
public record ConfPosition(String file, int line, int column) {

    /** Label used as {@link #file()} when the text was parsed from a string rather than a file. */
    public static final String NO_FILE = "<string>";

    /**
     * {@return a position that stands for a whole file (line and column 0), for errors such as a file that
     * cannot be read}
     *
     * @param file the file name
     */
    public static ConfPosition wholeFile(String file) {
        return new ConfPosition(file, 0, 0);
    }

    /** {@return the position as {@code file:line:column} (the form editors understand), or the file alone} */
    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }
}

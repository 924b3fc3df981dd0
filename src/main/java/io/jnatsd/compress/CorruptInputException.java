package io.jnatsd.compress;

import java.io.IOException;

/** Compressed input that is not valid S2 (or Snappy): a bad tag, an offset before the start, a checksum mismatch. */
public final class CorruptInputException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public CorruptInputException(String message) {
        super(message);
    }
}

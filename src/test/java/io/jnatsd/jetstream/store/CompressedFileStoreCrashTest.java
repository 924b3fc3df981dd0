package io.jnatsd.jetstream.store;

/** {@link FileStoreCrashTest} with S2 compression: SIGKILL may land in the middle of a block's compression. */
class CompressedFileStoreCrashTest extends FileStoreCrashTest {
    @Override
    protected StoreCompression compression() {
        return StoreCompression.S2;
    }

    /** A second variant of the 50-kill test: half the kills keep the suite inside its time budget. */
    @Override
    protected int kills() {
        return 25;
    }

    /** Sealing a compressed block costs a rewrite and an index, each with fsyncs: seal less often. */
    @Override
    protected long blockSizeBytes() {
        return 8192;
    }
}

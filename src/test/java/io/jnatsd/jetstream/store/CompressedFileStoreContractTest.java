package io.jnatsd.jetstream.store;

import java.nio.file.Path;

/** Runs the store contract against {@link FileStore} with S2 compression of sealed blocks. */
class CompressedFileStoreContractTest extends FileStoreContractTest {
    @Override
    protected FileStoreOptions options(Path dir) {
        return super.options(dir).withCompression(StoreCompression.S2);
    }
}

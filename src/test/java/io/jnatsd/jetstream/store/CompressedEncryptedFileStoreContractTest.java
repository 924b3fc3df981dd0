package io.jnatsd.jetstream.store;

import java.nio.file.Path;

/** Runs the store contract against {@link FileStore} with S2 compression and AES-GCM (compress, then encrypt). */
class CompressedEncryptedFileStoreContractTest extends FileStoreContractTest {
    private final StoreCipher cipher = StoreCipher.fromPassphrase(StoreCipher.Kind.AES, "s3cr3t");

    @Override
    protected FileStoreOptions options(Path dir) {
        return super.options(dir).withCompression(StoreCompression.S2).withCipher(cipher);
    }
}

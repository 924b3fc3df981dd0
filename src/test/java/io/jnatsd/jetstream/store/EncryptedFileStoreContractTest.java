package io.jnatsd.jetstream.store;

import java.nio.file.Path;

/** Runs the store contract against {@link FileStore} with ChaCha20-Poly1305 encryption at rest. */
class EncryptedFileStoreContractTest extends FileStoreContractTest {
    private final StoreCipher cipher = StoreCipher.fromPassphrase(StoreCipher.Kind.CHACHAPOLY, "s3cr3t");

    @Override
    protected FileStoreOptions options(Path dir) {
        return super.options(dir).withCipher(cipher);
    }
}

package io.jnatsd.jetstream.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** Runs the store contract against {@link FileStore} with small blocks, so that many blocks are in play. */
class FileStoreContractTest extends StreamStoreContractTest {
    private final Path tmp = FastDirs.create("fs-contract");
    private int opened;
    private Path current;

    @Override
    protected StreamStore open(StreamStoreConfig config, StoreClock clock) {
        current = tmp.resolve("s" + opened++);
        return FileStore.open(options(current), config, clock);
    }

    /** @return the options for a store in {@code dir}; subclasses add encryption */
    protected FileStoreOptions options(Path dir) {
        return FileStoreOptions.defaults(dir).withBlockSizeBytes(512);
    }

    @AfterEach
    void deleteDir() {
        FastDirs.delete(tmp);
    }

    @Override
    protected StreamStore reopen(StreamStoreConfig config) {
        store.close();
        return FileStore.open(options(current), config, clock);
    }

    @Override
    protected long singleSize(String subject, int hdrLen, int payloadLen) {
        return FileStore.msgSize(subject.length(), hdrLen, payloadLen);
    }

}

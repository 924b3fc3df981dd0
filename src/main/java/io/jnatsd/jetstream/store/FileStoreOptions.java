package io.jnatsd.jetstream.store;

import java.nio.file.Path;

/**
 * Where and how a {@link FileStore} keeps its files.
 *
 * @param dir            the stream's directory (created if missing)
 * @param blockSizeBytes a block is sealed and a new one started once it reaches this size
 * @param cacheBytes     memory bound of the recent-block cache
 * @param durability     the sync policy
 * @param io             the file operations ({@link FileIo#DEFAULT}; tests put a lossy one here)
 * @param cipher         encryption at rest of headers and payloads, or null for none
 */
public record FileStoreOptions(Path dir, long blockSizeBytes, long cacheBytes, DurabilityPolicy durability,
                               FileIo io, StoreCipher cipher) {
    /** The reference's default block size for streams (8 MB). */
    public static final long BLOCK_SIZE_BYTES_DEFAULT = 8L * 1024 * 1024;

    /** Checks the fields. */
    public FileStoreOptions {
        if (dir == null) {
            throw new IllegalArgumentException("dir required");
        }
        if (blockSizeBytes < 256) {
            throw new IllegalArgumentException("block size too small: " + blockSizeBytes);
        }
        if (durability == null) {
            durability = DurabilityPolicy.groupCommit();
        }
        if (io == null) {
            io = FileIo.DEFAULT;
        }
    }

    /**
     * @param dir the stream's directory
     * @return defaults: 8 MB blocks, 32 MB cache, group commit
     */
    public static FileStoreOptions defaults(Path dir) {
        return new FileStoreOptions(dir, BLOCK_SIZE_BYTES_DEFAULT, BlockCache.MAX_BYTES_DEFAULT,
            DurabilityPolicy.groupCommit(), FileIo.DEFAULT, null);
    }

    /** @param bytes block size @return a copy with it */
    public FileStoreOptions withBlockSizeBytes(long bytes) {
        return new FileStoreOptions(dir, bytes, cacheBytes, durability, io, cipher);
    }

    /** @param policy the sync policy @return a copy with it */
    public FileStoreOptions withDurability(DurabilityPolicy policy) {
        return new FileStoreOptions(dir, blockSizeBytes, cacheBytes, policy, io, cipher);
    }

    /** @param fileIo the file operations @return a copy with them */
    public FileStoreOptions withIo(FileIo fileIo) {
        return new FileStoreOptions(dir, blockSizeBytes, cacheBytes, durability, fileIo, cipher);
    }

    /** @param storeCipher encryption at rest, or null @return a copy with it */
    public FileStoreOptions withCipher(StoreCipher storeCipher) {
        return new FileStoreOptions(dir, blockSizeBytes, cacheBytes, durability, io, storeCipher);
    }
}

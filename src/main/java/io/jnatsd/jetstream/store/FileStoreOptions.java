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
 * @param compression    compression of sealed blocks ({@link StoreCompression#NONE} by default)
 */
public record FileStoreOptions(Path dir, long blockSizeBytes, long cacheBytes, DurabilityPolicy durability,
                               FileIo io, StoreCipher cipher, StoreCompression compression) {
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
        if (compression == null) {
            compression = StoreCompression.NONE;
        }
    }

    /**
     * Options without compression.
     *
     * @param dir            the stream's directory
     * @param blockSizeBytes block size
     * @param cacheBytes     cache bound
     * @param durability     the sync policy
     * @param io             the file operations
     * @param cipher         encryption at rest or null
     */
    public FileStoreOptions(Path dir, long blockSizeBytes, long cacheBytes, DurabilityPolicy durability, FileIo io,
                            StoreCipher cipher) {
        this(dir, blockSizeBytes, cacheBytes, durability, io, cipher, StoreCompression.NONE);
    }

    /**
     * @param dir the stream's directory
     * @return defaults: 8 MB blocks, 32 MB cache, group commit
     */
    public static FileStoreOptions defaults(Path dir) {
        return new FileStoreOptions(dir, BLOCK_SIZE_BYTES_DEFAULT, BlockCache.MAX_BYTES_DEFAULT,
            DurabilityPolicy.groupCommit(), FileIo.DEFAULT, null, StoreCompression.NONE);
    }

    /** @param bytes block size @return a copy with it */
    public FileStoreOptions withBlockSizeBytes(long bytes) {
        return new FileStoreOptions(dir, bytes, cacheBytes, durability, io, cipher,
            compression);
    }

    /** @param policy the sync policy @return a copy with it */
    public FileStoreOptions withDurability(DurabilityPolicy policy) {
        return new FileStoreOptions(dir, blockSizeBytes, cacheBytes, policy, io, cipher,
            compression);
    }

    /** @param fileIo the file operations @return a copy with them */
    public FileStoreOptions withIo(FileIo fileIo) {
        return new FileStoreOptions(dir, blockSizeBytes, cacheBytes, durability, fileIo, cipher,
            compression);
    }

    /** @param storeCipher encryption at rest, or null @return a copy with it */
    public FileStoreOptions withCipher(StoreCipher storeCipher) {
        return new FileStoreOptions(dir, blockSizeBytes, cacheBytes, durability, io, storeCipher,
            compression);
    }

    /** @param storeCompression compression of sealed blocks @return a copy with it */
    public FileStoreOptions withCompression(StoreCompression storeCompression) {
        return new FileStoreOptions(dir, blockSizeBytes, cacheBytes, durability, io, cipher, storeCompression);
    }
}

package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Twin of {@code server/filestore.go}: a stream store in append-only block files.
 *
 * <p>Design note: the semantics are {@link StoreEngine}'s, shared with {@link MemStore}; this class only decides
 * where bytes go. Layout of the stream directory:
 * <pre>
 *   &lt;first_seq&gt;.blk   message blocks ({@link RecordCodec} records), the last one takes appends
 *   &lt;first_seq&gt;.idx   the block's index file ({@link BlockIndex}), derived, used on open when it verifies
 *   store.meta         floor and last sequence decided by purge/compact/truncate ({@link StoreMeta})
 * </pre>
 * The per-block index (sequence to offset) and the per-subject index live in memory; {@link Recovery} rebuilds
 * them on every open, from the index files where they verify and by scanning the blocks otherwise. With
 * {@link StoreCompression#S2} a block is compressed ({@link BlockFrame}) when it is sealed. The byte layouts
 * are in docs/store-format.md. A removal appends a tombstone to the removed message's own block; a sealed
 * block that becomes mostly dead is rewritten by {@link BlockCompactor}, and deleted when wholly dead. When
 * appends are durable is the {@link DurabilityPolicy}'s business, carried out by {@link GroupCommitter}.
 *
 * <p>Threading: thread-safe, as {@link StoreEngine}; one background sync thread per store.
 */
public final class FileStore extends StoreEngine<FileMsgRef> {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY = new byte[0];
    /** The record's subject length field is 16 bits. */
    private static final int MAX_SUBJECT_BYTES = 0xFFFF;

    private final FileStoreOptions options;
    private final FileIo io;
    private final Path dir;
    private final List<MessageBlock> blocks = new ArrayList<>();
    private final BlockCache cache;
    private final GroupCommitter committer;
    private final RecoveryReport recoveryReport;
    private final DirLock dirLock;
    /** Blocks sealed by a roll whose force and index file the sync thread has not taken yet. */
    private final List<MessageBlock> sealedUnindexed = new ArrayList<>();
    private MessageBlock active;
    private StoreMeta meta;
    private boolean dirChanged;
    private volatile long appendedSeq;
    /** The subject of the last append (the engine's shared copy) and its UTF-8 bytes, so a run of appends to one
     * subject encodes it once. */
    private String lastSubject;
    private byte[] lastSubjectUtf8;

    private FileStore(FileStoreOptions options, StreamStoreConfig config, StoreClock clock) throws IOException {
        super(config, clock, new SeqTable<>(FileRefPage::new));
        this.options = options;
        this.dir = options.dir();
        this.io = options.io();
        this.cache = new BlockCache(options.cacheBytes());
        Files.createDirectories(dir);
        this.dirLock = DirLock.acquire(dir);
        boolean opened = false;
        try {
            this.recoveryReport = recover();
            StreamConfigFile.write(io, dir, config);
            io.syncDirectory(dir);
            opened = true;
        } finally {
            if (!opened) {
                blocks.forEach(FileStore::closeQuietly);
                dirLock.close();
            }
        }
        this.committer = new GroupCommitter(io, config.name(), options.durability(), new GroupCommitter.Target() {
            @Override
            public GroupCommitter.Batch prepare() throws IOException {
                return prepareSync();
            }

            @Override
            public long appendedSeq() {
                return appendedSeq;
            }

            @Override
            public void indexSealed() {
                FileStore.this.indexSealed();
            }
        }, lastSeqLocked());
    }

    private RecoveryReport recover() throws IOException {
        this.meta = StoreMeta.read(dir);
        Recovery.Result r = Recovery.recover(io, dir, meta, options.cipher());
        blocks.addAll(r.blocks());
        for (FileMsgRef ref : r.live()) {
            restoreEntry(ref);
        }
        restoreLast(r.lastSeq(), r.lastTimeNanos(), meta.floorSeq() == 0);
        for (MessageBlock b : blocks) {
            // A crashed predecessor may have left unsynced bytes in the page cache; make them durable before
            // durableSeq() claims them. A block whose index covers all of it was forced before its index was
            // written (at seal or close), so it needs no second force.
            if (!b.indexCurrent()) {
                b.force();
            }
        }
        if (blocks.isEmpty() || blocks.getLast().size() >= options.blockSizeBytes()
            || blocks.getLast().isCompressed()) {
            newActiveBlock(r.lastSeq() + 1);
        } else {
            active = blocks.getLast();
            active.activate();
        }
        rebuildIndexes(r.live());
        return r.report();
    }

    /** Writes the index of every sealed block whose index file was missing, stale or bad. */
    private void rebuildIndexes(List<FileMsgRef> live) throws IOException {
        java.util.Map<MessageBlock, List<FileMsgRef>> byBlock = new java.util.IdentityHashMap<>();
        for (FileMsgRef ref : live) {
            byBlock.computeIfAbsent(ref.block(), k -> new ArrayList<>()).add(ref);
        }
        for (MessageBlock b : blocks) {
            if (b != active && !b.indexCurrent()) {
                BlockIndex.write(io, b, IndexRows.of(byBlock.getOrDefault(b, List.of())), b.maxSeqTimeNanos());
                b.markIndexed();
            }
        }
    }

    /**
     * Writes a block's index file from the in-memory table. Best effort: an index is derived, so a failure
     * leaves the block to be scanned on the next open and fails nothing else.
     */
    private void writeIndex(MessageBlock b) {
        IndexRows live = new IndexRows(b.liveMsgs());
        table.forEachPage(b.firstSeq(), b.maxSeq(),
            (page, base, from, to) -> ((FileRefPage) page).copyRows(b, base, from, to, live));
        try {
            BlockIndex.write(io, b, live, b.maxSeqTimeNanos());
            b.markIndexed();
        } catch (IOException e) {
            // The directory is gone or the device failed: the next open scans this block.
            assert e != null;
        }
    }

    /** An index file's content built under the lock, with what the block was when it was built. */
    private record BuiltIndex(byte[] bytes, long coveredSize, int rewrites) { }

    /**
     * Sync thread: forces each block sealed since the last call, then puts its index file in place. The index
     * is built under the store lock (which flushes the block), the block forced and the file written and forced
     * without it, and the file renamed in under the lock only if the block was not rewritten, truncated, erased
     * or deleted meanwhile: so an index never claims bytes that were not forced before it was renamed in, and a
     * crash before the rename leaves a block without an index, which the next open scans and forces.
     */
    private void indexSealed() {
        List<MessageBlock> due = locked(() -> {
            List<MessageBlock> copy = List.copyOf(sealedUnindexed);
            sealedUnindexed.clear();
            return copy;
        });
        for (MessageBlock b : due) {
            try {
                indexSealed(b);
            } catch (IOException | UncheckedIOException e) {
                // Best effort, as writeIndex: a failed force also fails the next sync round.
                assert e != null;
            }
        }
    }

    private void indexSealed(MessageBlock b) throws IOException {
        BuiltIndex built = locked(() -> {
            if (!blocks.contains(b) || b.isActive() || b.indexCurrent()) {
                return null;
            }
            IndexRows live = new IndexRows(b.liveMsgs());
            table.forEachPage(b.firstSeq(), b.maxSeq(),
                (page, base, from, to) -> ((FileRefPage) page).copyRows(b, base, from, to, live));
            try {
                return new BuiltIndex(BlockIndex.encode(b, live, b.maxSeqTimeNanos()), b.size(), b.rewrites());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (built == null) {
            return;
        }
        b.force();
        Path target = BlockIndex.pathOf(b);
        Path tmp = AtomicFiles.writeTemp(io, target, built.bytes());
        boolean placed = locked(() -> {
            try {
                if (blocks.contains(b) && !b.isActive() && b.rewrites() == built.rewrites()
                    && !b.indexCurrent()) {
                    io.move(tmp, target);
                    b.markIndexed(built.coveredSize());
                    return true;
                }
                io.delete(tmp);
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (placed) {
            io.syncDirectory(dir);
        }
    }

    /**
     * Opens (recovering) or creates the store in {@code options.dir()}.
     *
     * @param options where and how
     * @param config  the limits
     * @param clock   the time source
     * @return the open store; {@link #recoveryReport()} says what recovery cut
     * @throws StoreException IO if the directory cannot be read or written
     */
    public static FileStore open(FileStoreOptions options, StreamStoreConfig config, StoreClock clock) {
        FileStore fs;
        try {
            fs = new FileStore(options, config, clock);
        } catch (IOException e) {
            throw new StoreException(StoreError.IO, e);
        }
        fs.committer.start();
        fs.expireMsgs();
        return fs;
    }

    /**
     * The reference's file-store message size ({@code fileStoreMsgSizeRaw}).
     *
     * @param subjectLen subject length
     * @param hdrLen     header length
     * @param payloadLen payload length
     * @return accounted bytes
     */
    public static long msgSize(int subjectLen, int hdrLen, int payloadLen) {
        long base = 22L + subjectLen + payloadLen + 8;
        return hdrLen > 0 ? base + 4 + hdrLen : base;
    }

    /** @return what recovery found and cut when this store opened. Thread-safe. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /** @return the highest sequence forced to the device. Thread-safe. */
    public long durableSeq() {
        return committer.durableSeq();
    }

    /** @return sync rounds (fsync batches) run so far. Thread-safe. */
    public long syncRounds() {
        return committer.rounds();
    }

    /** @return the block files' first sequences, ascending (for tests and monitoring). Thread-safe. */
    public List<Long> blockFirstSeqs() {
        return locked(() -> blocks.stream().map(MessageBlock::firstSeq).toList());
    }

    // ---- durability -------------------------------------------------------------------------------------

    private GroupCommitter.Batch prepareSync() throws IOException {
        return locked(() -> {
            try {
                List<MessageBlock> dirty = new ArrayList<>();
                for (MessageBlock b : blocks) {
                    b.flush();
                    if (b.takeDirty()) {
                        dirty.add(b);
                    }
                }
                Path syncDir = dirChanged ? dir : null;
                dirChanged = false;
                return new GroupCommitter.Batch(lastSeqLocked(), dirty, syncDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public CompletableFuture<Long> awaitDurable(long seq) {
        return committer.await(seq);
    }

    @Override
    public long storeMsg(String subject, byte[] headers, byte[] payload, long ttlSeconds) {
        long seq = super.storeMsg(subject, headers, payload, ttlSeconds);
        syncIfAlways(seq);
        return seq;
    }

    @Override
    public void storeRawMsg(String subject, byte[] headers, byte[] payload, long seq, long ts, long ttl) {
        super.storeRawMsg(subject, headers, payload, seq, ts, ttl);
        syncIfAlways(seq);
    }

    private void syncIfAlways(long seq) {
        if (options.durability().mode() == DurabilityPolicy.Mode.ALWAYS && seq > 0) {
            try {
                committer.await(seq).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof StoreException se ? se : new StoreException(StoreError.IO, e);
            }
        }
    }

    // ---- hooks ------------------------------------------------------------------------------------------

    private static StoreException io(IOException e) {
        return new StoreException(StoreError.IO, e);
    }

    @Override
    protected FileMsgRef persistMsg(long seq, long ts, String subject, byte[] hdr, byte[] payload, long ttl) {
        byte[] subj = subjectUtf8(subject);
        if (subj.length > MAX_SUBJECT_BYTES) {
            throw new StoreException(StoreError.MSG_TOO_LARGE);
        }
        StoreCipher cipher = options.cipher();
        byte[] sealed = cipher == null ? null
            : RecordCodec.encodeSealed(seq, ts, ttl, subj, hdr.length, payload.length,
                cipher.seal(seq, subj, hdr, payload));
        int len = sealed != null ? sealed.length : RecordCodec.recordLength(subj.length, hdr.length, payload.length);
        if (len > RecordCodec.MAX_RECORD_LENGTH) {
            throw new StoreException(StoreError.MSG_TOO_LARGE);
        }
        try {
            if (active.size() > 0 && active.size() + len > options.blockSizeBytes()) {
                MessageBlock full = active;
                full.seal();
                newActiveBlock(seq);
                if (compressing() && full.liveMsgs() > 0) {
                    compactBlock(full, true);
                    writeIndex(full);
                } else {
                    // Forced, then indexed, on the sync thread (indexSealed); acks still wait for the round.
                    sealedUnindexed.add(full);
                    committer.sealed();
                }
            }
            long offset = sealed != null ? active.appendEncoded(sealed, seq, ts)
                : active.append(RecordCodec.TYPE_MSG, seq, ts, ttl, subj, hdr, payload);
            active.addLive(len);
            appendedSeq = seq;
            return new FileMsgRef(seq, subject, ts, ttl, msgSize(subject.length(), hdr.length, payload.length),
                active, offset, len);
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** @return the subject's UTF-8 bytes, reused while appends go to one subject (the arrays are never changed) */
    private byte[] subjectUtf8(String subject) {
        if (subject != lastSubject) {
            lastSubjectUtf8 = subject.getBytes(StandardCharsets.UTF_8);
            lastSubject = subject;
        }
        return lastSubjectUtf8;
    }

    private boolean compressing() {
        return options.compression() != StoreCompression.NONE;
    }

    private void newActiveBlock(long firstSeq) throws IOException {
        active = MessageBlock.create(io, dir, options.cipher(), firstSeq);
        blocks.add(active);
        dirChanged = true;
    }

    @Override
    public void releaseIdleCache(long nowNanos) {
        if (cache.isEmpty()) {
            return;
        }
        locked(() -> cache.expireIdle(nowNanos));
    }

    /** @return bytes of block contents held in the read cache (tests) */
    long cachedBytes() {
        return locked(cache::bytes);
    }

    @Override
    protected StoredMsg readMsg(FileMsgRef ref) {
        try {
            MessageBlock b = ref.block();
            ByteBuffer buf;
            int pos;
            if (b.isActive() || !cache.fits(b.logicalSize())) {
                buf = b.read(ref.offset(), ref.recordLength());
                pos = 0;
            } else {
                buf = cache.get(b);
                if (buf == null || buf.limit() < ref.offset() + ref.recordLength()) {
                    buf = b.readAll();
                    cache.put(b, buf, System.nanoTime());
                }
                pos = (int) ref.offset();
            }
            if (RecordCodec.validate(buf, pos) != ref.recordLength() || RecordCodec.seq(buf, pos) != ref.seq()) {
                throw new StoreException(StoreError.IO, new IOException("record of seq " + ref.seq()
                    + " in " + b + " fails its checksum"));
            }
            return decode(buf, pos);
        } catch (IOException e) {
            throw io(e);
        }
    }

    private StoredMsg decode(ByteBuffer buf, int pos) {
        if (RecordCodec.type(buf, pos) != RecordCodec.TYPE_SEALED_MSG) {
            return RecordCodec.decodeMsg(buf, pos);
        }
        if (options.cipher() == null) {
            throw new StoreException(StoreError.IO, new IOException("message is encrypted and no cipher is set"));
        }
        long seq = RecordCodec.seq(buf, pos);
        String subject = RecordCodec.subject(buf, pos);
        byte[] clear = options.cipher().open(seq, subject.getBytes(StandardCharsets.UTF_8),
            RecordCodec.sealedBody(buf, pos));
        int hLen = RecordCodec.headerLength(buf, pos);
        return new StoredMsg(subject, java.util.Arrays.copyOf(clear, hLen),
            java.util.Arrays.copyOfRange(clear, hLen, clear.length), seq, RecordCodec.timestampNanos(buf, pos));
    }

    @Override
    protected void persistRemove(FileMsgRef ref, boolean secure, boolean oldest) {
        MessageBlock b = ref.block();
        try {
            b.append(RecordCodec.TYPE_TOMBSTONE, ref.seq(), 0, 0, EMPTY, EMPTY, EMPTY);
            if (secure && !b.isCompressed()) {
                erase(ref);
            }
            b.removeLive(ref.recordLength());
            if (b.isActive()) {
                return;
            }
            if (b.liveMsgs() == 0) {
                dropBlock(b);
            } else if (!oldest && BlockCompactor.worthCompacting(b) || secure && b.isCompressed()) {
                // Not after a removal of the oldest message: that drains the block from its front (limits, max
                // age) and the block is deleted when its last message goes, so a rewrite would be wasted I/O.
                // A compressed block cannot be erased in place: the rewrite leaves the message out.
                compactBlock(b, compressing());
            }
        } catch (IOException e) {
            throw io(e);
        }
    }

    private void erase(FileMsgRef ref) throws IOException {
        StoredMsg m = readMsg(ref);
        byte[] hdr = new byte[m.headers().length];
        byte[] payload = new byte[m.payload().length];
        RANDOM.nextBytes(hdr);
        RANDOM.nextBytes(payload);
        byte[] subj = m.subject().getBytes(StandardCharsets.UTF_8);
        byte[] rec = options.cipher() == null
            ? RecordCodec.encode(RecordCodec.TYPE_MSG, ref.seq(), ref.timestampNanos(), ref.ttlSeconds(), subj, hdr,
                payload)
            : RecordCodec.encodeSealed(ref.seq(), ref.timestampNanos(), ref.ttlSeconds(), subj, hdr.length,
                payload.length, options.cipher().seal(ref.seq(), subj, hdr, payload));
        ref.block().overwrite(ref.offset(), rec);
        cache.invalidate(ref.block());
    }

    private void dropBlock(MessageBlock b) throws IOException {
        cache.invalidate(b);
        blocks.remove(b);
        b.delete();
        dirChanged = true;
    }

    private void compactBlock(MessageBlock b, boolean compress) throws IOException {
        List<FileMsgRef> live = new ArrayList<>();
        table.forEach(b.firstSeq(), b.maxSeq(), r -> {
            if (r.block() == b) {
                live.add(r);
            }
        });
        cache.invalidate(b);
        for (FileMsgRef moved : BlockCompactor.rewrite(io, b, live, compress, options.cipher())) {
            replaceEntry(moved);
        }
    }

    @Override
    protected void persistSkip(long seq, long count, long ts) {
        try {
            active.append(RecordCodec.TYPE_SKIP, seq, ts, count, EMPTY, EMPTY, EMPTY);
        } catch (IOException e) {
            throw io(e);
        }
    }

    @Override
    protected void persistCompact(long floorSeq, long lastSeq, long lastTimeNanos) {
        try {
            meta = new StoreMeta(floorSeq, lastSeq, lastTimeNanos);
            meta.write(io, dir);
            for (Iterator<MessageBlock> it = blocks.iterator(); it.hasNext(); ) {
                MessageBlock b = it.next();
                if (b.maxSeq() < floorSeq && (b != active || b.size() > 0)) {
                    cache.invalidate(b);
                    it.remove();
                    b.delete();
                    dirChanged = true;
                }
            }
            if (!blocks.contains(active)) {
                newActiveBlock(lastSeq + 1);
            }
            recountStraddling(floorSeq);
            io.syncDirectory(dir);
        } catch (IOException e) {
            throw io(e);
        }
    }

    private void recountStraddling(long floorSeq) throws IOException {
        for (MessageBlock b : List.copyOf(blocks)) {
            if (b.firstSeq() < floorSeq && b.maxSeq() >= floorSeq) {
                b.resetLive();
                table.forEach(b.firstSeq(), b.maxSeq(), r -> {
                    if (r.block() == b) {
                        b.addLive(r.recordLength());
                    }
                });
                if (b.liveMsgs() == 0 && b != active) {
                    dropBlock(b);
                } else if (BlockCompactor.worthCompacting(b)) {
                    compactBlock(b, compressing());
                }
            }
        }
    }

    @Override
    protected void persistTruncate(long seq, long lastTimeNanos) {
        try {
            for (Iterator<MessageBlock> it = blocks.iterator(); it.hasNext(); ) {
                MessageBlock b = it.next();
                if (b.firstSeq() > seq || seq == 0) {
                    cache.invalidate(b);
                    it.remove();
                    b.delete();
                }
            }
            if (!blocks.isEmpty()) {
                MessageBlock last = blocks.getLast();
                compactBlock(last, false);
                last.capMaxSeq(seq, lastTimeNanos);
                active = last;
                active.activate();
            }
            if (blocks.isEmpty() || active.size() >= options.blockSizeBytes()) {
                if (!blocks.isEmpty()) {
                    active.seal();
                }
                newActiveBlock(seq + 1);
            }
            long floor = seq == 0 ? 0 : Math.min(meta.floorSeq(), seq + 1);
            meta = new StoreMeta(floor, seq, lastTimeNanos);
            meta.write(io, dir);
            for (MessageBlock b : blocks) {
                if (b.takeDirty()) {
                    b.force();
                }
            }
            io.syncDirectory(dir);
        } catch (IOException e) {
            throw io(e);
        }
    }

    @Override
    protected long sizeOf(int subjectLen, int hdrLen, int payloadLen) {
        return msgSize(subjectLen, hdrLen, payloadLen);
    }

    @Override
    public void updateConfig(StreamStoreConfig config) {
        super.updateConfig(config);
        try {
            StreamConfigFile.write(io, dir, config);
        } catch (IOException e) {
            throw io(e);
        }
    }

    @Override
    public void close() {
        committer.stop();
        super.close();
    }

    private static void closeQuietly(MessageBlock b) {
        try {
            b.close();
        } catch (IOException e) {
            // Already reported by the flush or force above, or the power is gone.
            assert e != null;
        }
    }

    @Override
    protected void persistClose() {
        IOException failure = null;
        for (MessageBlock b : blocks) {
            try {
                b.flush();
                b.trimPreallocation();
                if (b.takeDirty()) {
                    b.force();
                }
                if (!b.indexCurrent()) {
                    writeIndex(b);
                }
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            } finally {
                closeQuietly(b);
            }
        }
        cache.clear();
        dirLock.close();
        if (failure == null) {
            committer.release(lastSeqLocked());
        }
        committer.failRemaining();
        if (failure != null) {
            throw io(failure);
        }
    }
}

/**
 * The JetStream storage engine: the {@link io.jnatsd.jetstream.store.StreamStore} interface and its memory and
 * file implementations. Twin of {@code server/store.go}, {@code server/memstore.go} and
 * {@code server/filestore.go}. Depends on no other jnatsd room and on no networking.
 *
 * <p>Map of the room:
 * <ul>
 *   <li>API: {@link io.jnatsd.jetstream.store.StreamStore}, {@link io.jnatsd.jetstream.store.StoredMsg},
 *       {@link io.jnatsd.jetstream.store.StreamState}, {@link io.jnatsd.jetstream.store.SimpleState},
 *       {@link io.jnatsd.jetstream.store.StreamStoreConfig}, {@link io.jnatsd.jetstream.store.StoreError},
 *       {@link io.jnatsd.jetstream.store.StorageUpdateListener}, {@link io.jnatsd.jetstream.store.StoreClock},
 *       {@link io.jnatsd.jetstream.store.SubjectFilter}.</li>
 *   <li>Semantics, written once: {@link io.jnatsd.jetstream.store.StoreEngine} (limits, purge, compact,
 *       truncate, expiry, subject delete markers) over {@code SeqTable} (sequence to entry), {@code SubjectIndex}
 *       (per-subject count/first/last), {@code TtlIndex} and {@code StoreLookups} (next/prev/last/filtered).</li>
 *   <li>{@link io.jnatsd.jetstream.store.MemStore}: entries hold the bytes.</li>
 *   <li>{@link io.jnatsd.jetstream.store.FileStore}: its sequence table's pages are {@code FileRefPage}s
 *       (primitive columns, no object per live message), {@code MessageBlock} files of
 *       {@link io.jnatsd.jetstream.store.RecordCodec} records, tombstones, {@code BlockCompactor},
 *       {@code BlockCache}, {@code BlockFrame} (compressed sealed blocks, {@link
 *       io.jnatsd.jetstream.store.StoreCompression}), {@code BlockIndex} (per-block index files),
 *       {@code Recovery} with a {@link io.jnatsd.jetstream.store.RecoveryReport},
 *       {@code StoreMeta} and {@link io.jnatsd.jetstream.store.StreamConfigFile} written by
 *       {@link io.jnatsd.jetstream.store.AtomicFiles}, durability by
 *       {@link io.jnatsd.jetstream.store.DurabilityPolicy} and {@code GroupCommitter}, optional
 *       {@link io.jnatsd.jetstream.store.StoreCipher}, and every disk-changing call through
 *       {@link io.jnatsd.jetstream.store.FileIo}.</li>
 * </ul>
 * What each sync mode promises is in docs/durability.md; the file layouts are in docs/store-format.md.
 */
package io.jnatsd.jetstream.store;

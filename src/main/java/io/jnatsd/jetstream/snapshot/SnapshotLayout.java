package io.jnatsd.jetstream.snapshot;

/**
 * The entries of a jnatsd stream snapshot, in the order they are written. The archive is a ustar archive
 * ({@link TarWriter}) inside the framed S2 stream format ({@code io.jnatsd.compress}), as the reference's
 * snapshots are, but its entries are jnatsd's own formats, not the reference's store files:
 *
 * <pre>
 * jnatsd-snapshot.json   {"format":"jnatsd-stream-snapshot","version":1}; first, so that other archives are told apart
 * stream.json            the stream's config and creation time, as the stream's directory holds it (StreamMetaFile)
 * state.json             {"first_seq":n,"last_seq":n,"last_ts":nanos}: the range, deleted sequences being its gaps
 * msgs/&lt;first&gt;.blk       message records in the block file format (RecordCodec, type 1), about 8 MiB each
 * obs/&lt;i&gt;.meta          a consumer's meta.inf (created, name, config)        } one pair per consumer,
 * obs/&lt;i&gt;.state         a consumer's o.dat (delivered, ack floor, pending)    } unless no_consumers
 * </pre>
 *
 * <p>Threading: constants only.
 */
public final class SnapshotLayout {
    /** The first entry. */
    public static final String MARKER = "jnatsd-snapshot.json";
    /** The value of its {@code format} field. */
    public static final String FORMAT = "jnatsd-stream-snapshot";
    /** The archive version this server writes and reads. */
    public static final int VERSION = 1;
    /** The stream's config. */
    public static final String STREAM = "stream.json";
    /** The sequence range. */
    public static final String STATE = "state.json";
    /** Prefix of message block entries. */
    public static final String MSGS_PREFIX = "msgs/";
    /** Suffix of message block entries. */
    public static final String BLOCK_SUFFIX = ".blk";
    /** Prefix of consumer entries. */
    public static final String OBS_PREFIX = "obs/";
    /** Suffix of a consumer's config entry. */
    public static final String META_SUFFIX = ".meta";
    /** Suffix of a consumer's state entry. */
    public static final String STATE_SUFFIX = ".state";
    /** A message block entry is closed once it holds this many bytes. */
    public static final int BLOCK_TARGET_BYTES = 8 * 1024 * 1024;

    private SnapshotLayout() {
    }
}

/**
 * S2 compression (a Snappy extension): the block format ({@link io.jnatsd.compress.S2BlockEncoder},
 * {@link io.jnatsd.compress.S2BlockDecoder}) and the framed stream format
 * ({@link io.jnatsd.compress.S2FrameWriter}, {@link io.jnatsd.compress.S2FrameReader}). Used by the file store's
 * block compression and meant for route compression. Depends on nothing else in jnatsd.
 *
 * <p>The formats are those of the Go package {@code github.com/klauspost/compress/s2} (its README, "Format
 * Extensions"): the Snappy block format plus repeat-offset copies, and the Snappy framing format with the stream
 * identifier {@code S2sTwO} and chunks of up to 4 MiB. Snappy input is S2 input, so the decoders read Snappy too.
 */
package io.jnatsd.compress;

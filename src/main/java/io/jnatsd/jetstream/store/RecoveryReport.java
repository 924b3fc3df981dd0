package io.jnatsd.jetstream.store;

import java.util.List;

/**
 * What a file store's recovery found and cut, as Kafka's {@code LogSegment.recover} returns its truncation.
 *
 * @param blocks           block files scanned
 * @param records          records that verified
 * @param liveMsgs         messages recovered as live
 * @param truncatedBytes   bytes cut from torn block tails
 * @param corruptRegions   skipped corrupt regions in the middle of blocks
 * @param truncatedRegions torn tails cut off
 * @param indexedBlocks    blocks whose index file was used instead of a full scan
 * @param indexProblems    index files that could not be used and why ({@code "5.idx: missing"}); those blocks
 *                         were scanned and their indexes rebuilt
 */
public record RecoveryReport(int blocks, long records, long liveMsgs, long truncatedBytes,
                             List<Region> corruptRegions, List<Region> truncatedRegions, int indexedBlocks,
                             List<String> indexProblems) {

    /**
     * A byte range of a block file.
     *
     * @param block  the file name
     * @param offset first byte
     * @param length bytes
     */
    public record Region(String block, long offset, long length) { }

    /** Copies the lists. */
    public RecoveryReport {
        corruptRegions = List.copyOf(corruptRegions);
        truncatedRegions = List.copyOf(truncatedRegions);
        indexProblems = List.copyOf(indexProblems);
    }

    /**
     * A report without index information (the shape before index files existed).
     *
     * @param blocks           block files scanned
     * @param records          records that verified
     * @param liveMsgs         messages recovered as live
     * @param truncatedBytes   bytes cut from torn block tails
     * @param corruptRegions   skipped corrupt regions
     * @param truncatedRegions torn tails cut off
     */
    public RecoveryReport(int blocks, long records, long liveMsgs, long truncatedBytes, List<Region> corruptRegions,
                          List<Region> truncatedRegions) {
        this(blocks, records, liveMsgs, truncatedBytes, corruptRegions, truncatedRegions, 0, List.of());
    }

    /** @return true if nothing was cut or skipped */
    public boolean clean() {
        return truncatedBytes == 0 && corruptRegions.isEmpty();
    }
}

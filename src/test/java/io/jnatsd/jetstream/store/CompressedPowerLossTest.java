package io.jnatsd.jetstream.store;

/** {@link PowerLossTest} with S2 compression of sealed blocks: sealing rewrites a block while acks are pending. */
class CompressedPowerLossTest extends PowerLossTest {
    @Override
    protected StoreCompression compression() {
        return StoreCompression.S2;
    }
}

package io.jnatsd.jetstream.store;

/** Runs the store contract against {@link MemStore}. */
class MemStoreTest extends StreamStoreContractTest {
    @Override
    protected StreamStore open(StreamStoreConfig config, StoreClock clock) {
        return new MemStore(config, clock);
    }
}

package io.jnatsd.jetstream;

import io.jnatsd.config.JetStreamOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.ReloadException;
import io.jnatsd.server.ReloadParticipant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;

/**
 * Twin of the JetStream cases of {@code diffOptions} in {@code server/reload.go}
 * ({@code jetstream}, {@code storedir}, {@code jetstreammaxmemory}, {@code jetstreammaxstore}) and of
 * {@code jetStreamLimitsOption}: while JetStream runs, its store directory may not change, and its
 * {@code max_memory_store} and {@code max_file_store} may only grow, each refusal with the reference's
 * text; while it does not run, those may change freely. The other {@code jetstream {}} options
 * ({@code domain}, {@code sync_interval}, {@code unique_tag}, ...) are refused as the reference refuses
 * them (its default case).
 *
 * <p>Departure: turning JetStream on or off by reload is refused (the reference starts or stops it).
 * jnatsd does not enforce the server-wide limits yet, so a raised limit is recorded and logged only.
 *
 * <p>Registered by {@link JetStreamModule} whether JetStream runs or not. Runs on the reloading thread.
 */
final class JetStreamReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(JetStreamReload.class);
    /** The value of a limit that was not set (the reference's dynamic limit). */
    private static final long UNSET = -1;

    @Override
    public Set<String> components() {
        return Set.of("jetStream", "storeDir", "jetStreamOptions");
    }

    @Override
    public void check(ServerOptions current, ServerOptions next) throws ReloadException {
        if (current.jetStream() != next.jetStream()) {
            throw new ReloadException("config reload not supported for JetStream: old=" + current.jetStream()
                    + ", new=" + next.jetStream());
        }
        JetStreamOptions a = current.jetStreamOptions();
        JetStreamOptions b = next.jetStreamOptions();
        refuse("JetStreamDomain", a.domain(), b.domain());
        refuse("SyncInterval", a.syncInterval(), b.syncInterval());
        refuse("JetStreamUniqueTag", a.uniqueTag(), b.uniqueTag());
        refuse("NoJetStreamStrict", !a.strict(), !b.strict());
        refuse("StreamMaxBufferedMsgs", a.maxBufferedMsgs(), b.maxBufferedMsgs());
        refuse("StreamMaxBufferedSize", a.maxBufferedBytes(), b.maxBufferedBytes());
        refuse("JetStreamRequestQueueLimit", a.requestQueueLimit(), b.requestQueueLimit());
        refuse("JetStreamLimits", limits(a), limits(b));
        if (!current.jetStream()) {
            return;
        }
        if (!Objects.equals(current.storeDir(), next.storeDir())) {
            throw new ReloadException(next.storeDir() == null
                    ? "config reload not supported for jetstream storage dir"
                    : "config reload not supported for jetstream storage directory");
        }
        checkLimit(a.maxMemoryBytes(), b.maxMemoryBytes());
        checkLimit(a.maxFileBytes(), b.maxFileBytes());
    }

    /** A limit may grow; it may not shrink, appear or go away while JetStream runs. */
    private static void checkLimit(long oldBytes, long newBytes) throws ReloadException {
        if (oldBytes == newBytes || oldBytes != UNSET && newBytes != UNSET && newBytes > oldBytes) {
            return;
        }
        if (oldBytes == UNSET) {
            throw new ReloadException("config reload not supported for jetstream dynamic max memory and store");
        }
        if (newBytes == UNSET) {
            throw new ReloadException("config reload not supported for jetstream max memory and max store");
        }
        throw new ReloadException("config reload not supported for decreasing jetstream max memory and store");
    }

    private static String limits(JetStreamOptions o) {
        return "{MaxRequestBatch:" + o.maxRequestBatchLimit() + " MaxAckPending:" + o.maxAckPendingLimit()
                + " MaxHAAssets:" + o.maxHaAssetsLimit() + " Duplicates:"
                + (o.duplicateWindowLimit() == null ? "0s" : o.duplicateWindowLimit()) + "}";
    }

    private static void refuse(String goName, Object oldValue, Object newValue) throws ReloadException {
        if (!Objects.equals(oldValue, newValue)) {
            throw new ReloadException("config reload not supported for " + goName + ": old="
                    + (oldValue == null ? "" : oldValue) + ", new=" + (newValue == null ? "" : newValue));
        }
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        if (!current.jetStream()) {
            return;
        }
        JetStreamOptions a = current.jetStreamOptions();
        JetStreamOptions b = next.jetStreamOptions();
        if (a.maxMemoryBytes() != b.maxMemoryBytes()) {
            LOG.info("Reloaded: JetStream max_mem_store = {} bytes", b.maxMemoryBytes());
        }
        if (a.maxFileBytes() != b.maxFileBytes()) {
            LOG.info("Reloaded: JetStream max_file_store = {} bytes", b.maxFileBytes());
        }
    }
}

package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.jetstream.api.JsApiRouter;
import io.jnatsd.jetstream.consumer.Consumer;
import io.jnatsd.jetstream.consumer.ConsumerJson;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.ConsumerInterest;
import io.jnatsd.jetstream.stream.GoTime;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A read-only look into the running JetStream for monitoring: per-account usage, streams and
 * their consumers, in the reference's {@code AccountDetail} shape. Reads what the engine, the
 * streams' stores and the consumers already keep; it changes nothing and takes no lock of its
 * own (each stream and consumer answers for its own consistency).
 *
 * <p>Thread-safe.
 */
final class JetStreamView {

    /** What an account without JetStream limits reserves, as the reference writes {@code uint64(-1)}. */
    static final BigInteger UNLIMITED = new BigInteger(Long.toUnsignedString(-1L));
    /** The $JS.API level jnatsd implements, as {@code $JS.API.INFO} reports it. */
    static final int API_LEVEL = 0;

    private final JetStreamModule module;

    JetStreamView(JetStreamModule module) {
        this.module = module;
    }

    JetStreamModule module() {
        return module;
    }

    /** Every JetStream-enabled account, by name. */
    List<AccountStreams> accounts() {
        return module.engine().accounts();
    }

    /** The $JS.API counters of one account. */
    JszAccountDetail.ApiStats api(String account) {
        JsApiRouter.ApiStats st = module.router().stats(account);
        return new JszAccountDetail.ApiStats(API_LEVEL, st.total().sum(), st.errors().sum());
    }

    /** Bytes the streams' {@code max_bytes} reserve: {@code [memory, storage]}. */
    static long[] reserved(AccountStreams a) {
        long[] out = new long[2];
        for (Stream s : a.streams()) {
            long max = s.config().maxBytes();
            if (max > 0) {
                out[s.config().isMemory() ? 0 : 1] += max;
            }
        }
        return out;
    }

    /** Twin of {@code accountDetail}: one account, with its streams and consumers as asked. */
    JszAccountDetail detail(AccountStreams a, JszOptions o) {
        String name = a.account().name();
        List<JszAccountDetail.StreamDetail> streams = new ArrayList<>();
        if (o.streams()) {
            List<Stream> sorted = new ArrayList<>(a.streams());
            sorted.sort(Comparator.comparing(Stream::name));
            for (Stream s : sorted) {
                streams.add(stream(s, o));
            }
        }
        return new JszAccountDetail(name, name, a.memoryBytesUsed(), a.fileBytesUsed(), UNLIMITED, UNLIMITED, 0, 0,
                api(name), streams);
    }

    private JszAccountDetail.StreamDetail stream(Stream s, JszOptions o) {
        ObjectNode cluster = JsonNodeFactory.instance.objectNode();
        cluster.put("leader", module.serverName());
        List<JsonNode> consumers = new ArrayList<>();
        if (o.consumers()) {
            for (Consumer c : consumersOf(s)) {
                ObjectNode info = ConsumerJson.MAPPER.valueToTree(c.info());
                if (!o.config()) {
                    info.remove("config");
                }
                consumers.add(info);
            }
        }
        JsonNode mirror = null;
        List<JsonNode> sources = new ArrayList<>();
        for (Stream.SourceState st : s.sourceStates()) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("name", st.name());
            n.put("lag", st.lag());
            n.put("active", st.activeNanos());
            if (st.mirror()) {
                mirror = n;
            } else {
                sources.add(n);
            }
        }
        return new JszAccountDetail.StreamDetail(s.name(), Instant.ofEpochSecond(0, s.createdNanos()), cluster,
                o.config() ? JsJson.tree(s.config()) : null, state(s.state()), consumers, mirror, sources);
    }

    /** The stream's consumers, by name. */
    static List<Consumer> consumersOf(Stream s) {
        List<Consumer> out = new ArrayList<>();
        for (ConsumerInterest ci : s.consumers()) {
            if (ci instanceof Consumer c) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(Consumer::name));
        return out;
    }

    /** Twin of {@code StreamState} JSON, as stream info writes it. */
    static ObjectNode state(StreamState st) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("messages", st.msgs());
        n.put("bytes", st.bytes());
        n.put("first_seq", st.firstSeq());
        n.put("first_ts", GoTime.format(st.firstTimeNanos()));
        n.put("last_seq", st.lastSeq());
        n.put("last_ts", GoTime.format(st.lastTimeNanos()));
        if (st.numDeleted() > 0) {
            n.put("num_deleted", st.numDeleted());
        }
        if (st.numSubjects() > 0) {
            n.put("num_subjects", st.numSubjects());
        }
        n.put("consumer_count", st.consumers());
        return n;
    }
}

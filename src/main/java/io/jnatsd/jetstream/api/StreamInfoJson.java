package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.jetstream.stream.AssetVersioning;
import io.jnatsd.jetstream.stream.GoTime;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twin of {@code StreamInfo} and {@code StreamState} JSON in {@code server/stream.go} and {@code store.go}: the
 * stream info body of create, update, info and list answers.
 *
 * <p>Threading: stateless.
 */
final class StreamInfoJson {
    /** Most subjects one info answer lists ({@code JSMaxSubjectDetails}). */
    static final int MAX_SUBJECT_DETAILS = 100_000;

    /**
     * What an info request asks for beyond the basics.
     *
     * @param deletedDetails  list deleted sequences
     * @param subjectsFilter  list subjects matching this filter, null for none
     * @param offset          paging offset of the subjects
     */
    record Detail(boolean deletedDetails, String subjectsFilter, int offset) {
        static final Detail NONE = new Detail(false, null, 0);
    }

    private StreamInfoJson() {
    }

    private static void sources(ObjectNode n, Stream s) {
        ArrayNode list = null;
        for (Stream.SourceState st : s.sourceStates()) {
            ObjectNode o = JsJson.object();
            o.put("name", st.name());
            o.put("lag", st.lag());
            o.put("active", st.activeNanos());
            if (st.mirror()) {
                n.set("mirror", o);
            } else {
                if (list == null) {
                    list = n.putArray("sources");
                }
                list.add(o);
            }
        }
    }

    /**
     * Writes the reference's {@code StreamState} fields but subjects and consumer count.
     *
     * @param state          the object to fill
     * @param st             the state
     * @param deleted        the deleted sequences to list, or null for none
     */
    static void putState(ObjectNode state, StreamState st, List<Long> deleted) {
        state.put("messages", st.msgs());
        state.put("bytes", st.bytes());
        state.put("first_seq", st.firstSeq());
        state.put("first_ts", GoTime.format(st.firstTimeNanos()));
        state.put("last_seq", st.lastSeq());
        state.put("last_ts", GoTime.format(st.lastTimeNanos()));
        if (deleted != null && !deleted.isEmpty()) {
            ArrayNode del = state.putArray("deleted");
            deleted.forEach(del::add);
        }
        if (st.numDeleted() > 0) {
            state.put("num_deleted", st.numDeleted());
        }
        if (st.numSubjects() > 0) {
            state.put("num_subjects", st.numSubjects());
        }
    }

    static ObjectNode info(Stream s, String serverName, String domain, Detail detail) {
        ObjectNode n = JsJson.object();
        ObjectNode config = JsJson.tree(s.config());
        config.set("metadata", JsJson.tree(AssetVersioning.answerMetadata(s.config().metadata())));
        n.set("config", config);
        n.put("created", GoTime.format(s.createdNanos()));
        StreamState st = s.state();
        ObjectNode state = n.putObject("state");
        putState(state, st, detail.deletedDetails() ? s.store().deletedSeqs() : null);
        int total = 0;
        if (detail.subjectsFilter() != null && !detail.subjectsFilter().isEmpty()) {
            Map<String, Long> totals = new TreeMap<>(s.store().subjectsTotals(detail.subjectsFilter()));
            total = totals.size();
            if (total > MAX_SUBJECT_DETAILS && detail.offset() == 0 && total - detail.offset() > MAX_SUBJECT_DETAILS) {
                throw ApiError.STREAM_INFO_MAX_SUBJECTS.toException();
            }
            if (!totals.isEmpty()) {
                ObjectNode subs = state.putObject("subjects");
                List<Map.Entry<String, Long>> entries = new ArrayList<>(totals.entrySet());
                int end = Math.min(entries.size(), detail.offset() + MAX_SUBJECT_DETAILS);
                for (int i = Math.max(0, detail.offset()); i < end; i++) {
                    subs.put(entries.get(i).getKey(), entries.get(i).getValue());
                }
            }
        }
        state.put("consumer_count", st.consumers());
        if (domain != null && !domain.isEmpty()) {
            n.put("domain", domain);
        }
        n.putObject("cluster").put("leader", serverName);
        sources(n, s);
        n.put("ts", GoTime.format(GoTime.nowNanos()));
        boolean paged = detail.subjectsFilter() != null && !detail.subjectsFilter().isEmpty();
        n.put("total", total);
        n.put("offset", paged ? detail.offset() : 0);
        n.put("limit", paged ? MAX_SUBJECT_DETAILS : 0);
        return n;
    }
}

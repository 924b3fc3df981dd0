package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Twin of {@code checkStreamCfg} in {@code server/stream.go}: fills a requested config with the reference's
 * defaults and refuses what it refuses, with its messages.
 *
 * <p>Threading: stateless.
 */
public final class StreamConfigCheck {
    /** Longest stream or consumer name ({@code JSMaxNameLen}). */
    public static final int MAX_NAME_LENGTH = 255;
    /** Longest description ({@code JSMaxDescriptionLen}). */
    public static final int MAX_DESCRIPTION_LENGTH = 4 * 1024;
    /** Largest metadata ({@code JSMaxMetadataLen}). */
    public static final int MAX_METADATA_BYTES = 128 * 1024;
    /** Most replicas ({@code StreamMaxReplicas}). */
    public static final int MAX_REPLICAS = 5;
    private static final long MIN_AGE_NANOS = 100_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private StreamConfigCheck() {
    }

    /**
     * Twin of {@code isValidAssetName}.
     *
     * @param name a stream or consumer name
     * @return true if not empty and free of '.', '*', '&gt;', path separators and whitespace
     */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '*' || c == '>' || c == '/' || c == '\\' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param requested the config as asked
     * @return the config with defaults filled
     * @throws ApiException when the reference refuses it
     */
    public static StreamConfig normalize(StreamConfig requested) {
        checkNames(requested);
        StreamConfigBuilder b = requested.toBuilder();
        checkEnums(requested, b);
        if (requested.numReplicas() == 0) {
            b.numReplicas(1);
        }
        if (requested.numReplicas() > MAX_REPLICAS) {
            throw invalid("maximum replicas is " + MAX_REPLICAS);
        }
        if (requested.numReplicas() < 0) {
            throw ApiError.REPLICAS_COUNT_CANNOT_BE_NEGATIVE.toException();
        }
        b.maxMsgs(unlimited(requested.maxMsgs()));
        b.maxMsgsPerSubject(unlimited(requested.maxMsgsPerSubject()));
        b.maxBytes(unlimited(requested.maxBytes()));
        b.maxMsgSize((int) unlimited(requested.maxMsgSize()));
        b.maxConsumers((int) unlimited(requested.maxConsumers()));
        if (requested.maxAge() < 0) {
            throw invalid("max age can not be negative");
        }
        if (requested.maxAge() != 0 && requested.maxAge() < MIN_AGE_NANOS) {
            throw invalid("max age needs to be >= 100ms");
        }
        b.duplicateWindow(duplicateWindow(requested));
        checkFeatureCombos(requested, b);
        b.subjects(subjects(requested));
        checkTransforms(requested);
        return b.build();
    }

    private static void checkNames(StreamConfig c) {
        if (!isValidName(c.name())) {
            throw invalid("stream name is required and can not contain '.', '*', '>', '\\', '/'");
        }
        if (c.name().length() > MAX_NAME_LENGTH) {
            throw invalid("stream name is too long, maximum allowed is " + MAX_NAME_LENGTH);
        }
        if (c.description() != null && c.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw invalid("stream description is too long, maximum allowed is " + MAX_DESCRIPTION_LENGTH);
        }
        int metaLen = 0;
        for (var e : c.metadata().entrySet()) {
            metaLen += e.getKey().length() + e.getValue().length();
        }
        if (metaLen > MAX_METADATA_BYTES) {
            throw invalid("stream metadata exceeds maximum size of " + MAX_METADATA_BYTES + " bytes");
        }
    }

    private static void checkEnums(StreamConfig c, StreamConfigBuilder b) {
        String retention = orDefault(c.retention(), StreamConfig.RETENTION_LIMITS);
        if (!List.of("limits", "interest", "workqueue").contains(retention)) {
            throw invalid("invalid retention");
        }
        b.retention(retention);
        String discard = orDefault(c.discard(), StreamConfig.DISCARD_OLD);
        if (!List.of("old", "new").contains(discard)) {
            throw invalid("invalid discard policy");
        }
        b.discard(discard);
        String compression = orDefault(c.compression(), "none");
        if (!List.of("none", "s2").contains(compression)) {
            throw invalid("invalid compression");
        }
        b.compression(compression);
        String storage = orDefault(c.storage(), StreamConfig.STORAGE_FILE);
        if (!List.of("file", "memory").contains(storage)) {
            throw invalid("invalid storage type");
        }
        b.storage(storage);
    }

    private static String orDefault(String v, String def) {
        return v == null || v.isEmpty() ? def : v;
    }

    private static long unlimited(long v) {
        return v == 0 || v < -1 ? -1 : v;
    }

    private static long duplicateWindow(StreamConfig c) {
        long dup = c.duplicateWindow();
        if (dup == 0 && c.mirror() == null && c.sources().isEmpty()) {
            long max = StreamConfig.DUPLICATE_WINDOW_NANOS_DEFAULT;
            dup = c.maxAge() != 0 && c.maxAge() < max ? c.maxAge() : max;
        }
        if (dup < 0) {
            throw invalid("duplicates window can not be negative");
        }
        if (c.maxAge() != 0 && dup > c.maxAge()) {
            throw invalid("duplicates window can not be larger then max age");
        }
        if (dup > 0 && dup < MIN_AGE_NANOS) {
            throw invalid("duplicates window needs to be >= 100ms");
        }
        return dup;
    }

    private static void checkFeatureCombos(StreamConfig c, StreamConfigBuilder b) {
        if (c.denyPurge() && c.allowRollupHdrs()) {
            throw invalid("roll-ups require the purge permission");
        }
        boolean discardNew = StreamConfig.DISCARD_NEW.equals(c.discard());
        if (c.allowMsgCounter()) {
            if (discardNew) {
                throw invalid("counter stream cannot use discard new");
            }
            if (c.allowMsgTtl()) {
                throw invalid("counter stream cannot use message TTLs");
            }
            if (c.allowMsgSchedules()) {
                throw invalid("counter stream cannot use message schedules");
            }
        }
        if (c.discardNewPerSubject()) {
            if (!discardNew) {
                throw invalid("discard new per subject requires discard new policy to be set");
            }
            if (c.maxMsgsPerSubject() <= 0) {
                throw invalid("discard new per subject requires max msgs per subject > 0");
            }
        }
        if (c.subjectDeleteMarkerTtl() > 0) {
            if (c.subjectDeleteMarkerTtl() < SECOND_NANOS) {
                throw invalid("subject delete marker TTL must be at least 1 second");
            }
            if (c.mirror() != null) {
                throw invalid("subject delete markers forbidden on mirrors");
            }
            b.allowMsgTtl(true);
            if (!c.allowRollupHdrs()) {
                b.allowRollupHdrs(true);
                b.denyPurge(false);
            }
        } else if (c.subjectDeleteMarkerTtl() < 0) {
            throw invalid("subject delete marker TTL must not be negative");
        }
        checkSchedules(c, b, discardNew);
        if (c.mirror() != null) {
            if (c.firstSeq() > 0) {
                throw ApiError.MIRROR_WITH_FIRST_SEQ.toException();
            }
            if (!c.subjects().isEmpty()) {
                throw ApiError.MIRROR_WITH_SUBJECTS.toException();
            }
            if (!c.sources().isEmpty()) {
                throw ApiError.MIRROR_WITH_SOURCES.toException();
            }
            if (c.allowMsgCounter()) {
                throw ApiError.MIRROR_WITH_COUNTERS.toException();
            }
            if (c.allowAtomic()) {
                throw ApiError.MIRROR_WITH_ATOMIC_PUBLISH.toException();
            }
            if (c.allowBatched()) {
                throw ApiError.MIRROR_WITH_BATCH_PUBLISH.toException();
            }
            if (c.allowMsgSchedules()) {
                throw ApiError.MIRROR_WITH_MSG_SCHEDULES.toException();
            }
            if (!isValidName(c.mirror().name()) && c.mirror().external() == null) {
                throw ApiError.MIRROR_INVALID_STREAM_NAME.toException();
            }
        }
        if (!c.sources().isEmpty() && c.allowMsgSchedules()) {
            throw ApiError.SOURCE_WITH_MSG_SCHEDULES.toException();
        }
        Set<String> sourceNames = new HashSet<>();
        for (StreamConfig.StreamSource s : c.sources()) {
            if (s == null || !isValidName(s.name())) {
                throw ApiError.SOURCE_INVALID_STREAM_NAME.toException();
            }
            String key = s.name() + " " + s.filterSubject() + " " + s.subjectTransforms();
            if (!sourceNames.add(key)) {
                throw ApiError.SOURCE_DUPLICATE_DETECTED.toException();
            }
        }
    }

    /** Schedules are stored with Nats-Rollup: sub, so they need roll-ups (turned on, as the reference does). */
    private static void checkSchedules(StreamConfig c, StreamConfigBuilder b, boolean discardNew) {
        if (!c.allowMsgSchedules()) {
            return;
        }
        if (discardNew) {
            throw invalid("message scheduling cannot use discard new");
        }
        if (!c.allowRollupHdrs()) {
            b.allowRollupHdrs(true);
            b.denyPurge(false);
        }
    }

    private static List<String> subjects(StreamConfig c) {
        if (c.subjects().isEmpty()) {
            if (c.mirror() == null && c.sources().isEmpty()) {
                return List.of(c.name());
            }
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.subjects().size(); i++) {
            String subj = c.subjects().get(i);
            if (!Subjects.isValidSubject(subj)) {
                throw invalid("invalid subject");
            }
            if (!seen.add(subj)) {
                throw invalid("duplicate subjects detected");
            }
            checkReservedSubject(c, subj);
            for (String other : c.subjects().subList(i + 1, c.subjects().size())) {
                if (Subjects.subjectsCollide(other, subj)) {
                    throw invalid("subject \"" + subj + "\" overlaps with \"" + other + "\"");
                }
            }
            out.add(subj);
        }
        return out;
    }

    private static void checkReservedSubject(StreamConfig c, String subj) {
        if (">".equals(subj)) {
            if (!c.noAck()) {
                throw invalid("capturing all subjects requires no-ack to be true");
            }
            if (c.numReplicas() > 1) {
                throw invalid("capturing all subjects requires replicas of 1");
            }
        }
        if (c.noAck()) {
            return;
        }
        for (String ns : List.of("$JS.>", "$JSC.>", "$NRG.>")) {
            if (Subjects.subjectsCollide(subj, ns) && !Subjects.subjectIsSubsetMatch(subj, "$JS.EVENT.>")) {
                throw invalid("subjects that overlap with jetstream api require no-ack to be true");
            }
        }
        if (Subjects.subjectsCollide(subj, "$SYS.>") && !Subjects.subjectIsSubsetMatch(subj, "$SYS.ACCOUNT.>")) {
            throw invalid("subjects that overlap with system api require no-ack to be true");
        }
    }

    private static void checkTransforms(StreamConfig c) {
        StreamConfig.SubjectTransformConfig t = c.subjectTransform();
        if (t != null) {
            String src = t.src() == null || t.src().isEmpty() ? ">" : t.src();
            if (!Subjects.isValidSubject(src)) {
                throw ApiError.STREAM_TRANSFORM_INVALID_SOURCE.toException("invalid subject " + t.src());
            }
            try {
                SubjectTransform.validateMapping(src, t.dest());
            } catch (IllegalArgumentException e) {
                throw ApiError.STREAM_TRANSFORM_INVALID_DESTINATION.toException(e.getMessage());
            }
        }
        StreamConfig.Republish r = c.republish();
        if (r != null) {
            String src = r.src() == null || r.src().isEmpty() ? ">" : r.src();
            for (String subj : c.subjects()) {
                if (r.dest() != null && Subjects.subjectsCollide(r.dest(), subj)) {
                    throw invalid("stream configuration for republish destination forms a cycle");
                }
            }
            try {
                SubjectTransform.compile(src, r.dest());
            } catch (RuntimeException e) {
                throw invalid("stream configuration for republish with transform from '" + src + "' to '"
                    + r.dest() + "' not valid");
            }
        }
    }

    static ApiException invalid(String message) {
        return ApiError.STREAM_INVALID_CONFIG_F.toException(message);
    }
}

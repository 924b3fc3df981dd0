package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.jnatsd.jetstream.stream.StreamConfig.ConsumerLimits;
import io.jnatsd.jetstream.stream.StreamConfig.Republish;
import io.jnatsd.jetstream.stream.StreamConfig.StreamSource;
import io.jnatsd.jetstream.stream.StreamConfig.SubjectTransformConfig;

import java.util.List;
import java.util.Map;

/**
 * A mutable copy of a {@link StreamConfig} for the defaulting and update code.
 *
 * <p>Threading: not thread-safe; confined to its creator.
 */
public final class StreamConfigBuilder {
    private String name;
    private String description;
    private List<String> subjects;
    private String retention;
    private int maxConsumers;
    private long maxMsgs;
    private long maxBytes;
    private long maxAge;
    private long maxMsgsPerSubject;
    private int maxMsgSize;
    private String discard;
    private String storage;
    private int numReplicas;
    private boolean noAck;
    private long duplicateWindow;
    private JsonNode placement;
    private StreamSource mirror;
    private List<StreamSource> sources;
    private String compression;
    private long firstSeq;
    private SubjectTransformConfig subjectTransform;
    private Republish republish;
    private boolean allowDirect;
    private boolean mirrorDirect;
    private boolean discardNewPerSubject;
    private boolean sealed;
    private boolean denyDelete;
    private boolean denyPurge;
    private boolean allowRollupHdrs;
    private ConsumerLimits consumerLimits;
    private boolean allowMsgTtl;
    private long subjectDeleteMarkerTtl;
    private boolean allowMsgCounter;
    private boolean allowAtomic;
    private boolean allowMsgSchedules;
    private String persistMode;
    private boolean allowBatched;
    private Map<String, String> metadata;

    /** @param c the config to copy */
    public StreamConfigBuilder(StreamConfig c) {
        this.name = c.name();
        this.description = c.description();
        this.subjects = c.subjects();
        this.retention = c.retention();
        this.maxConsumers = c.maxConsumers();
        this.maxMsgs = c.maxMsgs();
        this.maxBytes = c.maxBytes();
        this.maxAge = c.maxAge();
        this.maxMsgsPerSubject = c.maxMsgsPerSubject();
        this.maxMsgSize = c.maxMsgSize();
        this.discard = c.discard();
        this.storage = c.storage();
        this.numReplicas = c.numReplicas();
        this.noAck = c.noAck();
        this.duplicateWindow = c.duplicateWindow();
        this.placement = c.placement();
        this.mirror = c.mirror();
        this.sources = c.sources();
        this.compression = c.compression();
        this.firstSeq = c.firstSeq();
        this.subjectTransform = c.subjectTransform();
        this.republish = c.republish();
        this.allowDirect = c.allowDirect();
        this.mirrorDirect = c.mirrorDirect();
        this.discardNewPerSubject = c.discardNewPerSubject();
        this.sealed = c.sealed();
        this.denyDelete = c.denyDelete();
        this.denyPurge = c.denyPurge();
        this.allowRollupHdrs = c.allowRollupHdrs();
        this.consumerLimits = c.consumerLimits();
        this.allowMsgTtl = c.allowMsgTtl();
        this.subjectDeleteMarkerTtl = c.subjectDeleteMarkerTtl();
        this.allowMsgCounter = c.allowMsgCounter();
        this.allowAtomic = c.allowAtomic();
        this.allowMsgSchedules = c.allowMsgSchedules();
        this.persistMode = c.persistMode();
        this.allowBatched = c.allowBatched();
        this.metadata = c.metadata();
    }

    /** @param v name @return this */
    public StreamConfigBuilder name(String v) {
        this.name = v;
        return this;
    }

    /** @param v description @return this */
    public StreamConfigBuilder description(String v) {
        this.description = v;
        return this;
    }

    /** @param v subjects @return this */
    public StreamConfigBuilder subjects(List<String> v) {
        this.subjects = v;
        return this;
    }

    /** @param v retention @return this */
    public StreamConfigBuilder retention(String v) {
        this.retention = v;
        return this;
    }

    /** @param v maxConsumers @return this */
    public StreamConfigBuilder maxConsumers(int v) {
        this.maxConsumers = v;
        return this;
    }

    /** @param v maxMsgs @return this */
    public StreamConfigBuilder maxMsgs(long v) {
        this.maxMsgs = v;
        return this;
    }

    /** @param v maxBytes @return this */
    public StreamConfigBuilder maxBytes(long v) {
        this.maxBytes = v;
        return this;
    }

    /** @param v maxAge @return this */
    public StreamConfigBuilder maxAge(long v) {
        this.maxAge = v;
        return this;
    }

    /** @param v maxMsgsPerSubject @return this */
    public StreamConfigBuilder maxMsgsPerSubject(long v) {
        this.maxMsgsPerSubject = v;
        return this;
    }

    /** @param v maxMsgSize @return this */
    public StreamConfigBuilder maxMsgSize(int v) {
        this.maxMsgSize = v;
        return this;
    }

    /** @param v discard @return this */
    public StreamConfigBuilder discard(String v) {
        this.discard = v;
        return this;
    }

    /** @param v storage @return this */
    public StreamConfigBuilder storage(String v) {
        this.storage = v;
        return this;
    }

    /** @param v numReplicas @return this */
    public StreamConfigBuilder numReplicas(int v) {
        this.numReplicas = v;
        return this;
    }

    /** @param v noAck @return this */
    public StreamConfigBuilder noAck(boolean v) {
        this.noAck = v;
        return this;
    }

    /** @param v duplicateWindow @return this */
    public StreamConfigBuilder duplicateWindow(long v) {
        this.duplicateWindow = v;
        return this;
    }

    /** @param v placement @return this */
    public StreamConfigBuilder placement(JsonNode v) {
        this.placement = v;
        return this;
    }

    /** @param v mirror @return this */
    public StreamConfigBuilder mirror(StreamSource v) {
        this.mirror = v;
        return this;
    }

    /** @param v sources @return this */
    public StreamConfigBuilder sources(List<StreamSource> v) {
        this.sources = v;
        return this;
    }

    /** @param v compression @return this */
    public StreamConfigBuilder compression(String v) {
        this.compression = v;
        return this;
    }

    /** @param v firstSeq @return this */
    public StreamConfigBuilder firstSeq(long v) {
        this.firstSeq = v;
        return this;
    }

    /** @param v subjectTransform @return this */
    public StreamConfigBuilder subjectTransform(SubjectTransformConfig v) {
        this.subjectTransform = v;
        return this;
    }

    /** @param v republish @return this */
    public StreamConfigBuilder republish(Republish v) {
        this.republish = v;
        return this;
    }

    /** @param v allowDirect @return this */
    public StreamConfigBuilder allowDirect(boolean v) {
        this.allowDirect = v;
        return this;
    }

    /** @param v mirrorDirect @return this */
    public StreamConfigBuilder mirrorDirect(boolean v) {
        this.mirrorDirect = v;
        return this;
    }

    /** @param v discardNewPerSubject @return this */
    public StreamConfigBuilder discardNewPerSubject(boolean v) {
        this.discardNewPerSubject = v;
        return this;
    }

    /** @param v sealed @return this */
    public StreamConfigBuilder sealed(boolean v) {
        this.sealed = v;
        return this;
    }

    /** @param v denyDelete @return this */
    public StreamConfigBuilder denyDelete(boolean v) {
        this.denyDelete = v;
        return this;
    }

    /** @param v denyPurge @return this */
    public StreamConfigBuilder denyPurge(boolean v) {
        this.denyPurge = v;
        return this;
    }

    /** @param v allowRollupHdrs @return this */
    public StreamConfigBuilder allowRollupHdrs(boolean v) {
        this.allowRollupHdrs = v;
        return this;
    }

    /** @param v consumerLimits @return this */
    public StreamConfigBuilder consumerLimits(ConsumerLimits v) {
        this.consumerLimits = v;
        return this;
    }

    /** @param v allowMsgTtl @return this */
    public StreamConfigBuilder allowMsgTtl(boolean v) {
        this.allowMsgTtl = v;
        return this;
    }

    /** @param v subjectDeleteMarkerTtl @return this */
    public StreamConfigBuilder subjectDeleteMarkerTtl(long v) {
        this.subjectDeleteMarkerTtl = v;
        return this;
    }

    /** @param v allowMsgCounter @return this */
    public StreamConfigBuilder allowMsgCounter(boolean v) {
        this.allowMsgCounter = v;
        return this;
    }

    /** @param v allowAtomic @return this */
    public StreamConfigBuilder allowAtomic(boolean v) {
        this.allowAtomic = v;
        return this;
    }

    /** @param v allowMsgSchedules @return this */
    public StreamConfigBuilder allowMsgSchedules(boolean v) {
        this.allowMsgSchedules = v;
        return this;
    }

    /** @param v persistMode @return this */
    public StreamConfigBuilder persistMode(String v) {
        this.persistMode = v;
        return this;
    }

    /** @param v allowBatched @return this */
    public StreamConfigBuilder allowBatched(boolean v) {
        this.allowBatched = v;
        return this;
    }

    /** @param v metadata @return this */
    public StreamConfigBuilder metadata(Map<String, String> v) {
        this.metadata = v;
        return this;
    }

    /** @return the immutable config */
    public StreamConfig build() {
        return new StreamConfig(name, description, subjects, retention, maxConsumers, maxMsgs, maxBytes, maxAge, maxMsgsPerSubject, maxMsgSize, discard, storage, numReplicas, noAck, duplicateWindow, placement, mirror, sources, compression, firstSeq, subjectTransform, republish, allowDirect, mirrorDirect, discardNewPerSubject, sealed, denyDelete, denyPurge, allowRollupHdrs, consumerLimits, allowMsgTtl, subjectDeleteMarkerTtl, allowMsgCounter, allowAtomic, allowMsgSchedules, persistMode, allowBatched, metadata);
    }
}

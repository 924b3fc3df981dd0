package io.jnatsd.jetstream.stream;

import io.jnatsd.server.ServerInfo;

import java.util.HashMap;
import java.util.Map;

/**
 * Twin of {@code server/jetstream_versioning.go} (ADR-44): the versioning keys in the metadata of streams and
 * consumers. The API level an asset needs is stored with its config ({@code _nats.req.level}), so that a server
 * too old for it can tell; the server's own version and level are only added to answers, never stored.
 *
 * <p>Threading: stateless.
 */
public final class AssetVersioning {
    /** Stored: the API level the asset's features need. */
    public static final String REQUIRED_LEVEL_KEY = "_nats.req.level";
    /** Answers only: the version of the server that answers. */
    public static final String SERVER_VERSION_KEY = "_nats.ver";
    /** Answers only: the API level of the server that answers. */
    public static final String SERVER_LEVEL_KEY = "_nats.level";

    private AssetVersioning() {
    }

    /**
     * @param c a stream config
     * @return the API level its features need, as the reference counts them
     */
    public static int requiredLevel(StreamConfig c) {
        int level = 0;
        if (c.allowMsgTtl() || c.subjectDeleteMarkerTtl() > 0) {
            level = 1;
        }
        if (c.allowMsgCounter() || c.allowAtomic() || c.allowMsgSchedules() || "async".equals(c.persistMode())) {
            level = 2;
        }
        if (c.allowBatched()) {
            level = 4;
        }
        return level;
    }

    /**
     * The reference's {@code setStaticStreamMetadata}: drops the answer-only keys and records the level needed.
     *
     * @param c a checked stream config
     * @return the config to store
     */
    public static StreamConfig withStaticMetadata(StreamConfig c) {
        return c.toBuilder().metadata(staticMetadata(c.metadata(), requiredLevel(c))).build();
    }

    /**
     * The reference's {@code copyStreamMetadata}: takes the stored level of the previous config so that two
     * configs that differ only in their versioning keys compare equal.
     *
     * @param c    the config as asked
     * @param prev the config in force
     * @return {@code c} with {@code prev}'s versioning keys
     */
    public static StreamConfig withVersioningOf(StreamConfig c, StreamConfig prev) {
        return c.toBuilder().metadata(copyRequiredLevel(c.metadata(), prev.metadata())).build();
    }

    /**
     * @param stored metadata as stored, may be null
     * @param level  the level the asset needs
     * @return the metadata without the answer-only keys and with the required level
     */
    public static Map<String, String> staticMetadata(Map<String, String> stored, int level) {
        Map<String, String> m = stored == null ? new HashMap<>() : new HashMap<>(stored);
        m.remove(SERVER_VERSION_KEY);
        m.remove(SERVER_LEVEL_KEY);
        m.put(REQUIRED_LEVEL_KEY, Integer.toString(level));
        return m;
    }

    /**
     * @param asked metadata as asked, may be null
     * @param prev  metadata in force, may be null
     * @return {@code asked} with {@code prev}'s required level, or without one when {@code prev} has none; null
     *     when nothing is left
     */
    public static Map<String, String> copyRequiredLevel(Map<String, String> asked, Map<String, String> prev) {
        Map<String, String> m = asked == null ? new HashMap<>() : new HashMap<>(asked);
        m.remove(SERVER_VERSION_KEY);
        m.remove(SERVER_LEVEL_KEY);
        String level = prev == null ? null : prev.get(REQUIRED_LEVEL_KEY);
        if (level != null) {
            m.put(REQUIRED_LEVEL_KEY, level);
        } else {
            m.remove(REQUIRED_LEVEL_KEY);
        }
        return m.isEmpty() ? null : m;
    }

    /**
     * The reference's {@code setDynamicStreamMetadata}: what an answer shows.
     *
     * @param stored metadata as stored, may be null
     * @return a copy with the server's version and API level
     */
    public static Map<String, String> answerMetadata(Map<String, String> stored) {
        Map<String, String> m = stored == null ? new HashMap<>() : new HashMap<>(stored);
        m.put(SERVER_VERSION_KEY, ServerInfo.REFERENCE_VERSION);
        m.put(SERVER_LEVEL_KEY, Integer.toString(ServerInfo.JS_API_LEVEL));
        return m;
    }
}

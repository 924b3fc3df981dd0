package io.jnatsd.tls.ocsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.compress.S2FrameReader;
import io.jnatsd.compress.S2FrameWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ocsp_cache { type: local }} (twin of {@code LocalCache} in
 * {@code server/ocsp_responsecache.go}): responses in memory, S2-compressed, written to
 * {@code <local_store>/cache.json} every {@code save_interval} when changed and on stop, and read
 * back at start, in the reference's layout:
 * <pre>
 * { "&lt;base64 sha256 of the certificate&gt;": {
 *     "subject": "CN=...", "cached_at": "2026-...Z", "resp_status": "good|revoked|unknown",
 *     "resp_expires": "2026-...Z", "resp": "&lt;base64 of the S2 stream of the DER response&gt;" } }
 * </pre>
 * Thread-safe: every method holds the instance's monitor; the file is written by a temporary file
 * and a rename.
 */
final class LocalResponseCache implements OcspResponseCache {

    private static final Logger LOG = LoggerFactory.getLogger(LocalResponseCache.class);
    static final String FILE_NAME = "cache.json";
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private record Item(String subject, String cachedAt, String status, String expires, byte[] compressed) {
    }

    private final OcspCacheConfig config;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private ScheduledExecutorService saver;
    private boolean online;
    private boolean dirty;
    private long hits;
    private long misses;

    LocalResponseCache(OcspCacheConfig config) {
        this.config = config;
    }

    @Override
    public synchronized void put(String key, OcspResponse response, String subject) {
        if (!online || response == null || key.isEmpty()) {
            return;
        }
        String expires = response.nextUpdate() == null ? ZERO_TIME : response.nextUpdate().toString();
        items.put(key, new Item(subject, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                response.status().text(), expires, S2FrameWriter.compress(response.raw(), false)));
        dirty = true;
    }

    @Override
    public synchronized byte[] get(String key) {
        if (!online) {
            return null;
        }
        Item item = items.get(key);
        if (item == null) {
            misses++;
            return null;
        }
        hits++;
        try {
            return S2FrameReader.decompress(item.compressed());
        } catch (IOException e) {
            LOG.error("Unable to decompress OCSP response for key [{}]: {}", key, e.getMessage());
            return null;
        }
    }

    @Override
    public synchronized void delete(String key, boolean wasMiss) {
        Item item = items.get(key);
        if (!online || item == null) {
            return;
        }
        if (wasMiss) {
            hits--;
            misses++;
        }
        if ("revoked".equals(item.status()) && config.preserveRevoked()) {
            LOG.debug("Revoked OCSP response for key [{}] preserved by cache policy", key);
            return;
        }
        items.remove(key);
        dirty = true;
    }

    @Override
    public synchronized void start() {
        load();
        online = true;
        long every = config.saveInterval().toMillis();
        saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jnatsd-ocsp-cache");
            t.setDaemon(true);
            return t;
        });
        saver.scheduleWithFixedDelay(this::save, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s;
        synchronized (this) {
            online = false;
            s = saver;
            saver = null;
        }
        if (s != null) {
            s.shutdownNow();
        }
        save();
    }

    @Override
    public String type() {
        return "local";
    }

    @Override
    public synchronized Stats stats() {
        long good = items.values().stream().filter(i -> i.status().equals("good")).count();
        long revoked = items.values().stream().filter(i -> i.status().equals("revoked")).count();
        return new Stats(items.size(), hits, misses, revoked, good, items.size() - good - revoked);
    }

    private Path file() {
        return config.localStore().resolve(FILE_NAME).toAbsolutePath();
    }

    private void load() {
        items.clear();
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file()));
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode n = e.getValue();
                items.put(e.getKey(), new Item(n.path("subject").asText(""), n.path("cached_at").asText(ZERO_TIME),
                        n.path("resp_status").asText("unknown"), n.path("resp_expires").asText(ZERO_TIME),
                        Base64.getDecoder().decode(n.path("resp").asText(""))));
            }
            dirty = false;
        } catch (NoSuchFileException e) {
            LOG.debug("No OCSP peer cache found, starting with empty cache");
        } catch (IOException | IllegalArgumentException e) {
            items.clear();
            dirty = true;
            LOG.warn("Unable to load OCSP peer cache: {}", e.getMessage());
        }
    }

    /** Writes the cache when it changed. Thread-safe. */
    synchronized void save() {
        if (!dirty) {
            return;
        }
        try {
            Files.createDirectories(config.localStore());
            ObjectNode root = JSON.createObjectNode();
            for (Map.Entry<String, Item> e : items.entrySet()) {
                Item i = e.getValue();
                ObjectNode n = root.putObject(e.getKey());
                if (!i.subject().isEmpty()) {
                    n.put("subject", i.subject());
                }
                n.put("cached_at", i.cachedAt());
                n.put("resp_status", i.status());
                n.put("resp_expires", i.expires());
                n.put("resp", Base64.getEncoder().encodeToString(i.compressed()));
            }
            Path tmp = Files.createTempFile(config.localStore(), "ocsprc-", "");
            try {
                Files.write(tmp, JSON.writeValueAsBytes(root));
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            dirty = false;
        } catch (IOException e) {
            LOG.error("Unable to save OCSP peer cache: {}", e.getMessage());
        }
    }
}

package io.jnatsd.auth.jwt;

import io.jnatsd.auth.NKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Twin of {@code DirJWTStore} in {@code server/dirstore.go}: JWTs kept as files, one per
 * public key, with an index that tracks each file's SHA-256, its expiry and how recently it
 * was used.
 *
 * <pre>
 *   &lt;dir&gt;/&lt;public key&gt;.jwt                   the JWT as sent, nothing else (not sharded)
 *   &lt;dir&gt;/&lt;last 2 chars of key&gt;/&lt;key&gt;.jwt     the same, sharded
 *   &lt;dir&gt;/&lt;public key&gt;.jwt.deleted           a JWT deleted with allow_delete and no hard_delete
 * </pre>
 *
 * <p>Design note: the reference keeps a heap of expiries and a list for LRU; a store holds at
 * most thousands of JWTs, so one access-ordered map, scanned on each expiry check, does both.
 * The store's hash is the XOR of the SHA-256 of every indexed JWT, so that two servers can
 * tell cheaply whether their stores differ ({@code $SYS.REQ.CLAIMS.PACK}). Files are written
 * to a temporary file and moved into place, so a crash never leaves half a JWT.
 *
 * <p>Thread-safe: every method takes the store's monitor; listeners are called outside it.
 */
final class DirJwtStore {

    /** The extension of every JWT file. */
    static final String FILE_EXTENSION = ".jwt";
    /** What a deleted JWT's file is renamed to end with, when deletes are not hard. */
    static final String DELETED_SUFFIX = ".deleted";
    private static final long NEVER = Long.MAX_VALUE;

    /** Twin of {@code deleteType}. */
    enum DeleteType { NO_DELETE, RENAME_DELETED, HARD_DELETE }

    /** Told of each JWT that changed or went; called outside the store's lock. */
    interface Listener {
        void onChanged(String publicKey);

        void onDeleted(String publicKey);
    }

    /** One indexed JWT. */
    private static final class Item {
        long expiresAtMillis;
        byte[] sha256;
    }

    private final Path directory;
    private final boolean shard;
    private final DeleteType deleteType;
    private final long limit;
    private final boolean evictOnLimit;
    private final Duration ttl;
    /** Access-ordered: the first entry is the least recently used. */
    private final Map<String, Item> index = new LinkedHashMap<>(16, 0.75f, true);
    private final byte[] hash = new byte[32];
    private volatile Listener listener;

    /**
     * Creates the directory when missing and indexes the JWT files already in it.
     *
     * @param limit        most JWTs kept, 0 or less for no limit
     * @param evictOnLimit at the limit, drop the least recently used (true) or refuse (false)
     * @param ttl          how long a JWT is kept after its last use; zero to keep it until its expiry
     * @throws JwtException when the directory cannot be made or read
     */
    DirJwtStore(Path directory, boolean shard, DeleteType deleteType, long limit, boolean evictOnLimit,
                Duration ttl) {
        this.directory = directory.toAbsolutePath();
        this.shard = shard;
        this.deleteType = deleteType;
        this.limit = limit <= 0 ? Long.MAX_VALUE : limit;
        this.evictOnLimit = evictOnLimit;
        this.ttl = ttl == null ? Duration.ZERO : ttl;
        try {
            Files.createDirectories(this.directory);
            for (Path file : jwtFiles()) {
                String jwt = Files.readString(file, StandardCharsets.UTF_8);
                track(keyOf(file), sha256(jwt), jwt);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new JwtException("error opening jwt directory " + this.directory + ": " + e.getMessage());
        }
    }

    /** Sets who is told of changes and deletes. Thread-safe. */
    void setListener(Listener l) {
        this.listener = l;
    }

    Path directory() {
        return directory;
    }

    DeleteType deleteType() {
        return deleteType;
    }

    /** The JWT of {@code publicKey}, or null when there is no file. Marks it used. Thread-safe. */
    synchronized String load(String publicKey) {
        Path path = pathFor(publicKey);
        try {
            String jwt = Files.readString(path, StandardCharsets.UTF_8);
            Item item = index.get(publicKey);
            if (item != null && !ttl.isZero()) {
                item.expiresAtMillis = ttlDeadline();
            }
            return jwt;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new JwtException(e.getMessage());
        }
    }

    /**
     * Writes {@code jwt} as the JWT of {@code publicKey} whatever is there (the reference's
     * {@code save}), and tells the listener when the content changed. Thread-safe.
     *
     * @throws JwtException when the key is bad, the store is full or the write fails
     */
    void save(String publicKey, String jwt) {
        boolean changed;
        synchronized (this) {
            changed = write(publicKey, jwt);
        }
        Listener l = listener;
        if (changed && l != null) {
            l.onChanged(publicKey);
        }
    }

    /**
     * Writes {@code jwt} unless the stored JWT of the key is the same one or newer (the
     * reference's {@code saveIfNewer}, used by preloads, fetches and PACK merges). Thread-safe.
     *
     * @throws JwtException when the JWT is bad or its subject is not {@code publicKey}
     */
    void saveIfNewer(String publicKey, String jwt) {
        Path path = pathFor(publicKey);
        if (Files.exists(path)) {
            Jwt incoming = Jwt.decodeAnyIssuer(jwt);
            String stored = load(publicKey);
            Jwt existing = null;
            try {
                existing = stored == null ? null : Jwt.decodeAnyIssuer(stored);
            } catch (JwtException unreadable) {
                // An unreadable stored JWT is simply replaced.
            }
            if (existing != null) {
                if (existing.claims().path("jti").asText("").equals(incoming.claims().path("jti").asText(""))
                        || existing.issuedAt() > incoming.issuedAt()) {
                    return;
                }
                if (!incoming.subject().equals(publicKey)) {
                    throw new JwtException("jwt subject nkey and provided nkey do not match");
                }
            }
        }
        save(publicKey, jwt);
    }

    /** Must hold the monitor. Returns whether the content changed. */
    private boolean write(String publicKey, String jwt) {
        if (jwt == null || jwt.isEmpty()) {
            throw new JwtException("invalid JWT");
        }
        Path path = pathFor(publicKey);
        byte[] newHash = sha256(jwt);
        Item item = index.get(publicKey);
        if (item != null) {
            if (MessageDigest.isEqual(item.sha256, newHash)) {
                return false;
            }
        } else if (index.size() >= limit) {
            if (!evictOnLimit) {
                throw new JwtException("jwt store is full");
            }
            evictLeastRecentlyUsed();
        }
        try {
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, jwt, StandardCharsets.UTF_8);
            moveIntoPlace(tmp, path);
        } catch (IOException e) {
            throw new JwtException(e.getMessage());
        }
        track(publicKey, newHash, jwt);
        return true;
    }

    private static void moveIntoPlace(Path tmp, Path path) throws IOException {
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void evictLeastRecentlyUsed() {
        Iterator<String> it = index.keySet().iterator();
        if (!it.hasNext()) {
            return;
        }
        String oldest = it.next();
        try {
            Files.deleteIfExists(pathFor(oldest));
        } catch (IOException e) {
            throw new JwtException(e.getMessage());
        }
        untrack(oldest);
    }

    /**
     * Deletes the JWT of {@code publicKey} as the store's delete type says (the reference's
     * {@code delete}); a missing file is no error. Thread-safe.
     *
     * @throws JwtException when deletes are not allowed or the file cannot be removed
     */
    void delete(String publicKey) {
        if (deleteType == DeleteType.NO_DELETE) {
            throw new JwtException("store is not set up to for delete");
        }
        synchronized (this) {
            Path path = pathFor(publicKey);
            try {
                if (!Files.exists(path)) {
                    return;
                }
                if (deleteType == DeleteType.RENAME_DELETED) {
                    Files.move(path, path.resolveSibling(path.getFileName() + DELETED_SUFFIX),
                            StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new JwtException(e.getMessage());
            }
            untrack(publicKey);
        }
        Listener l = listener;
        if (l != null) {
            l.onDeleted(publicKey);
        }
    }

    /**
     * Removes the JWTs whose time is up (their TTL after last use, or their own expiry), as
     * the reference's expiration loop does. Thread-safe.
     *
     * @return the keys removed
     */
    synchronized List<String> expire(long nowMillis) {
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Item> e : index.entrySet()) {
            if (e.getValue().expiresAtMillis <= nowMillis) {
                gone.add(e.getKey());
            }
        }
        for (String key : gone) {
            try {
                Files.deleteIfExists(pathFor(key));
            } catch (IOException e) {
                continue;
            }
            untrack(key);
        }
        return gone;
    }

    /**
     * Calls {@code consumer} with {@code key|jwt} lines, at most {@code maxJwts} per call (the
     * reference's {@code PackWalk}); expired JWTs are left out. Thread-safe.
     */
    void packWalk(int maxJwts, Consumer<String> consumer) {
        List<String> keys;
        synchronized (this) {
            keys = new ArrayList<>(index.keySet());
        }
        long nowSeconds = System.currentTimeMillis() / 1000;
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            String jwt;
            try {
                jwt = Files.readString(pathFor(key), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            if (jwt.isEmpty() || expiredJwt(jwt, nowSeconds)) {
                continue;
            }
            lines.add(key + "|" + jwt);
            if (lines.size() == maxJwts) {
                consumer.accept(String.join("\n", lines));
                lines.clear();
            }
        }
        if (!lines.isEmpty()) {
            consumer.accept(String.join("\n", lines));
        }
    }

    /**
     * Takes the JWTs of a pack ({@code key|jwt} lines) that are newer than ours (the
     * reference's {@code Merge}). Thread-safe.
     *
     * @throws JwtException at the first bad line
     */
    void merge(String pack) {
        for (String line : pack.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length != 2) {
                throw new JwtException("line in package didn't contain 2 entries: \"" + line + "\"");
            }
            if (!NKeys.isValidPublicKey(NKeys.PREFIX_ACCOUNT, parts[0])) {
                throw new JwtException("key to merge is not a valid public account key");
            }
            saveIfNewer(parts[0], parts[1]);
        }
    }

    /** The XOR of the SHA-256 of every indexed JWT. Thread-safe. */
    synchronized byte[] hash() {
        return hash.clone();
    }

    /** The keys of the indexed JWTs. Thread-safe. */
    synchronized List<String> keys() {
        return new ArrayList<>(index.keySet());
    }

    /** The file of {@code publicKey}. @throws JwtException when it is not a public key */
    Path pathFor(String publicKey) {
        if (publicKey == null || publicKey.length() < 2 || !isPublicKey(publicKey)) {
            throw new JwtException("invalid public key");
        }
        String file = publicKey + FILE_EXTENSION;
        return shard ? directory.resolve(publicKey.substring(publicKey.length() - 2)).resolve(file)
                : directory.resolve(file);
    }

    private static boolean isPublicKey(String key) {
        return NKeys.isValidPublicKey(NKeys.PREFIX_ACCOUNT, key) || NKeys.isValidPublicKey(NKeys.PREFIX_OPERATOR, key)
                || NKeys.isValidPublicUserKey(key);
    }

    private List<Path> jwtFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(FILE_EXTENSION) && Files.isRegularFile(p))
                    .toList();
        }
    }

    private static String keyOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - FILE_EXTENSION.length());
    }

    private void track(String publicKey, byte[] sha, String jwt) {
        Item item = index.get(publicKey);
        if (item == null) {
            item = new Item();
            index.put(publicKey, item);
        } else {
            xor(item.sha256);
        }
        item.sha256 = sha;
        item.expiresAtMillis = ttl.isZero() ? jwtExpiryMillis(jwt) : ttlDeadline();
        xor(sha);
    }

    private void untrack(String publicKey) {
        Item item = index.remove(publicKey);
        if (item != null) {
            xor(item.sha256);
        }
    }

    private long ttlDeadline() {
        long ms = ttl.toMillis();
        return ms >= NEVER / 2 ? NEVER : System.currentTimeMillis() + ms;
    }

    private static long jwtExpiryMillis(String jwt) {
        try {
            long exp = Jwt.decodeAnyIssuer(jwt).expires();
            return exp > 0 ? exp * 1000 : NEVER;
        } catch (JwtException e) {
            return NEVER;
        }
    }

    private static boolean expiredJwt(String jwt, long nowSeconds) {
        try {
            long exp = Jwt.decodeAnyIssuer(jwt).expires();
            return exp > 0 && exp < nowSeconds;
        } catch (JwtException e) {
            return false;
        }
    }

    private void xor(byte[] sha) {
        for (int i = 0; i < hash.length; i++) {
            hash[i] ^= sha[i];
        }
    }

    private static byte[] sha256(String jwt) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(jwt.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

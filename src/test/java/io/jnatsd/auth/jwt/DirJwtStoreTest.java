package io.jnatsd.auth.jwt;

import io.jnatsd.testing.TestJwts;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JWT directory: layout, hash, newer-only saves, limits, deletes, expiry and packs. */
class DirJwtStoreTest {

    @TempDir
    Path dir;

    private static String key(NKey k) throws Exception {
        return new String(k.getPublicKey());
    }

    private static String accountJwt(NKey op, NKey acc, long expires) {
        return TestJwts.issue(op, new String(pub(acc)), "account", TestJwts.nats(), expires);
    }

    private static char[] pub(NKey k) {
        try {
            return k.getPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldWriteKeyDotJwtAndIndexIt_whenSavedAndReopened() throws Exception {
        NKey op = NKey.createOperator(null);
        NKey acc = NKey.createAccount(null);
        DirJwtStore store = new DirJwtStore(dir, false, DirJwtStore.DeleteType.NO_DELETE, 0, false, Duration.ZERO);
        String jwt = accountJwt(op, acc, 0);
        store.save(key(acc), jwt);
        assertThat(Files.readString(dir.resolve(key(acc) + ".jwt"))).isEqualTo(jwt);
        byte[] hash = store.hash();
        assertThat(hash).isNotEqualTo(new byte[32]);
        DirJwtStore reopened = new DirJwtStore(dir, false, DirJwtStore.DeleteType.NO_DELETE, 0, false, Duration.ZERO);
        assertThat(reopened.keys()).containsExactly(key(acc));
        assertThat(reopened.hash()).isEqualTo(hash);
        assertThat(reopened.load(key(acc))).isEqualTo(jwt);
        assertThatThrownBy(() -> reopened.delete(key(acc))).hasMessage("store is not set up to for delete");
        DirJwtStore sharded = new DirJwtStore(dir.resolve("s"), true, DirJwtStore.DeleteType.HARD_DELETE, 0, false,
                Duration.ZERO);
        sharded.save(key(acc), jwt);
        assertThat(dir.resolve("s").resolve(key(acc).substring(key(acc).length() - 2)).resolve(key(acc) + ".jwt"))
                .exists();
    }

    @Test
    void shouldKeepNewer_whenSaveIfNewerGetsAnOlderJwt() throws Exception {
        NKey op = NKey.createOperator(null);
        NKey acc = NKey.createAccount(null);
        DirJwtStore store = new DirJwtStore(dir, false, DirJwtStore.DeleteType.HARD_DELETE, 0, false, Duration.ZERO);
        String first = accountJwt(op, acc, 0);
        store.save(key(acc), first);
        List<String> changed = new ArrayList<>();
        store.setListener(new DirJwtStore.Listener() {
            @Override
            public void onChanged(String publicKey) {
                changed.add(publicKey);
            }

            @Override
            public void onDeleted(String publicKey) {
                changed.add("-" + publicKey);
            }
        });
        store.saveIfNewer(key(acc), first);
        assertThat(changed).isEmpty();
        store.merge(key(acc) + "|" + accountJwt(op, acc, 0));
        assertThat(changed).containsExactly(key(acc));
        store.delete(key(acc));
        assertThat(changed).containsExactly(key(acc), "-" + key(acc));
        assertThat(store.keys()).isEmpty();
        assertThat(store.hash()).isEqualTo(new byte[32]);
        assertThatThrownBy(() -> store.merge("bad line")).hasMessageContaining("didn't contain 2 entries");
    }

    @Test
    void shouldEvictLeastRecentlyUsedOrRefuse_whenLimitReached() throws Exception {
        NKey op = NKey.createOperator(null);
        NKey a = NKey.createAccount(null);
        NKey b = NKey.createAccount(null);
        NKey c = NKey.createAccount(null);
        DirJwtStore cache = new DirJwtStore(dir.resolve("c"), false, DirJwtStore.DeleteType.HARD_DELETE, 2, true,
                Duration.ofHours(1));
        cache.save(key(a), accountJwt(op, a, 0));
        cache.save(key(b), accountJwt(op, b, 0));
        cache.load(key(a));
        cache.save(key(c), accountJwt(op, c, 0));
        assertThat(cache.keys()).containsExactlyInAnyOrder(key(a), key(c));
        assertThat(cache.load(key(b))).isNull();
        DirJwtStore full = new DirJwtStore(dir.resolve("f"), false, DirJwtStore.DeleteType.NO_DELETE, 1, false,
                Duration.ZERO);
        full.save(key(a), accountJwt(op, a, 0));
        assertThatThrownBy(() -> full.save(key(b), accountJwt(op, b, 0))).hasMessage("jwt store is full");
    }

    @Test
    void shouldRemoveExpiredJwts_whenExpiryRunsAndLeaveThemOutOfPacks() throws Exception {
        NKey op = NKey.createOperator(null);
        NKey gone = NKey.createAccount(null);
        NKey kept = NKey.createAccount(null);
        DirJwtStore store = new DirJwtStore(dir, false, DirJwtStore.DeleteType.NO_DELETE, 0, false, Duration.ZERO);
        long now = System.currentTimeMillis() / 1000;
        store.save(key(gone), accountJwt(op, gone, now - 10));
        store.save(key(kept), accountJwt(op, kept, 0));
        List<String> packed = new ArrayList<>();
        store.packWalk(1, packed::add);
        String keptKey = key(kept);
        assertThat(packed).hasSize(1).allMatch(l -> l.startsWith(keptKey + "|"));
        assertThat(store.expire(System.currentTimeMillis())).containsExactly(key(gone));
        assertThat(Files.exists(dir.resolve(key(gone) + ".jwt"))).isFalse();
        assertThat(store.keys()).containsExactly(key(kept));
    }
}

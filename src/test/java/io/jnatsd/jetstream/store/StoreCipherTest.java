package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encryption at rest: nothing in clear on disk, the right key reads back, a wrong key is refused. */
@Timeout(30)
class StoreCipherTest {
    private final Path dir = FastDirs.create("fs-cipher");
    private final StreamStoreConfig config = StreamStoreConfig.unlimited("E");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    private FileStoreOptions options(StoreCipher cipher) {
        return FileStoreOptions.defaults(dir).withBlockSizeBytes(1024).withCipher(cipher);
    }

    @ParameterizedTest
    @EnumSource(StoreCipher.Kind.class)
    void shouldKeepNothingInClearAndRefuseWrongKey_whenEncrypted(StoreCipher.Kind kind) throws IOException {
        byte[] hdr = "NATS/1.0\r\nX-Secret: header-secret\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (FileStore fs = FileStore.open(options(StoreCipher.fromPassphrase(kind, "right")), config,
            StoreClock.SYSTEM)) {
            for (int i = 1; i <= 30; i++) {
                fs.storeMsg("orders." + i, hdr, ("payload-secret-" + i).getBytes(StandardCharsets.UTF_8), 0);
            }
            fs.eraseMsg(3);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertThat(raw).doesNotContain("payload-secret").doesNotContain("header-secret");
            }
        }
        try (FileStore fs = FileStore.open(options(StoreCipher.fromPassphrase(kind, "right")), config,
            StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().clean()).isTrue();
            StoredMsg m = fs.loadMsg(7);
            assertThat(m.headers()).isEqualTo(hdr);
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("payload-secret-7");
            assertThat(fs.state().msgs()).isEqualTo(29);
        }
        try (FileStore fs = FileStore.open(options(StoreCipher.fromPassphrase(kind, "wrong")), config,
            StoreClock.SYSTEM)) {
            assertThat(fs.state().msgs()).as("indexes rebuild without the key").isEqualTo(29);
            assertThatThrownBy(() -> fs.loadMsg(7)).extracting(e -> ((StoreException) e).error())
                .isEqualTo(StoreError.IO);
        }
    }
}

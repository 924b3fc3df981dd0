package io.jnatsd.jetstream.stream;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.CompressionOption;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream's {@code compression: s2} reaches its file store: sealed blocks are stored compressed and read back intact. */
@Timeout(60)
class StreamCompressionIntegrationTest {

    /** Enough 64 KiB messages to fill and seal more than one 8 MiB block. */
    private static final int MESSAGES = 160;
    private static final byte[] PAYLOAD = ("compressible jnatsd payload ".repeat(2341) + "end")
            .getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldStoreSealedBlocksCompressed_whenStreamAsksForS2() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("PLAIN").subjects("plain").storageType(StorageType.File)
                .build());
        jsm.addStream(StreamConfiguration.builder().name("SQUEEZED").subjects("squeezed")
                .storageType(StorageType.File).compressionOption(CompressionOption.S2).build());
        JetStream js = nc.jetStream();
        for (int i = 0; i < MESSAGES; i++) {
            js.publish("plain", PAYLOAD);
            js.publish("squeezed", PAYLOAD);
        }

        long plain = bytesOnDisk("PLAIN");
        long squeezed = bytesOnDisk("SQUEEZED");
        assertThat(squeezed).as("compressed %d vs plain %d bytes", squeezed, plain).isLessThan(plain / 2);
        MessageInfo first = jsm.getMessage("SQUEEZED", 1);
        assertThat(first.getData()).isEqualTo(PAYLOAD);
        assertThat(jsm.getStreamInfo("SQUEEZED").getConfiguration().getCompressionOption())
                .isEqualTo(CompressionOption.S2);
    }

    private long bytesOnDisk(String stream) throws IOException {
        try (Stream<Path> files = Files.walk(jnatsd.storeDir())) {
            return files.filter(p -> p.toString().contains("/" + stream + "/") && Files.isRegularFile(p))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }
}

package io.jnatsd;

import io.jnatsd.config.ConfDigest;
import io.jnatsd.config.ConfException;
import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.config.ConfValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code -c FILE} into the options, keeping its warnings for the start-up log. */
final class ConfigFile {

    private static final List<String> WARNINGS = new ArrayList<>();
    private static volatile String digest = "";

    private ConfigFile() {
    }

    static void readInto(Path file, ServerOptions.Builder builder) {
        try {
            ServerOptionsReader reader = new ServerOptionsReader();
            ConfValue root = new ConfParser().parseFile(file);
            reader.read(root, builder);
            digest = ConfDigest.of(root);
            synchronized (WARNINGS) {
                WARNINGS.clear();
                WARNINGS.addAll(reader.warnings());
            }
        } catch (ConfException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** The {@code sha256:...} digest of the file read last, as the reference's {@code ConfigDigest}. */
    static String digest() {
        return digest;
    }

    /** The warnings of the file read at start, to log once logging is set up. */
    static List<String> warnings() {
        synchronized (WARNINGS) {
            return List.copyOf(WARNINGS);
        }
    }
}

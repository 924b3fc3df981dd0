package io.jnatsd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseJetStream} and {@code parseJetStreamLimits} in {@code server/opts.go}: reads the
 * {@code jetstream} block into {@link JetStreamOptions} (and {@code enabled}/{@code store_dir} into the builder).
 * Keys jnatsd does not act on yet become warnings.
 *
 * <p>Threading: stateless.
 */
final class JetStreamOptionsReader {
    private JetStreamOptionsReader() {
    }

    static void read(ConfValue block, ServerOptions.Builder b, List<String> warnings) throws ConfException {
        boolean enabled = true;
        long maxMem = -1;
        long maxFile = -1;
        String domain = "";
        String sync = null;
        String uniqueTag = "";
        boolean strict = false;
        long bufMsgs = 0;
        long bufBytes = 0;
        long queueLimit = 0;
        int[] limits = new int[3];
        Duration[] dupWindow = new Duration[1];
        for (Map.Entry<String, ConfValue> e : block.asMap().entrySet()) {
            ConfValue v = e.getValue();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            switch (key) {
                case "enabled", "enable" -> enabled = ServerOptionsReader.bool(v);
                case "store_dir", "storedir", "store" -> b.storeDir(Path.of(ServerOptionsReader.string(v)));
                case "max_memory_store", "max_mem_store", "max_mem" -> maxMem = ConfSizes.fromValue(v, key);
                case "max_file_store", "max_file" -> maxFile = ConfSizes.fromValue(v, key);
                case "domain" -> domain = domain(v);
                case "sync_interval", "sync" -> sync = syncInterval(v);
                case "unique_tag" -> uniqueTag = ServerOptionsReader.string(v).toLowerCase(Locale.ROOT);
                case "strict" -> strict = ServerOptionsReader.bool(v);
                case "max_buffered_msgs" -> bufMsgs = ServerOptionsReader.integer(v);
                case "max_buffered_size" -> bufBytes = ConfSizes.fromValue(v, key);
                case "request_queue_limit" -> queueLimit = ServerOptionsReader.integer(v);
                case "limits" -> readLimits(v, limits, dupWindow, warnings);
                default -> warnings.add(BlockValues.noEffect(v, "jetstream." + e.getKey()));
            }
        }
        b.jetStream(enabled);
        b.jetStreamOptions(new JetStreamOptions(maxMem, maxFile, domain, sync, uniqueTag, strict, bufMsgs, bufBytes,
            queueLimit, limits[0], limits[1], limits[2], dupWindow[0]));
    }

    private static String domain(ConfValue v) throws ConfException {
        String d = ServerOptionsReader.string(v);
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '.' || c == ' ' || c == '*' || c == '>') {
                throw new ConfException(v.reportPosition(), "invalid domain name: \"" + d + "\"", d);
            }
        }
        return d;
    }

    private static String syncInterval(ConfValue v) throws ConfException {
        if (v.plain() instanceof String s && s.equalsIgnoreCase("always")) {
            return "always";
        }
        Duration d = ConfDurations.fromValue(v, "sync_interval");
        return d.toNanos() + "ns";
    }

    private static void readLimits(ConfValue v, int[] limits, Duration[] dupWindow, List<String> warnings)
        throws ConfException {
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue lv = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "max_ack_pending" -> limits[0] = (int) ServerOptionsReader.integer(lv);
                case "max_ha_assets" -> limits[1] = (int) ServerOptionsReader.integer(lv);
                case "max_request_batch" -> limits[2] = (int) ServerOptionsReader.integer(lv);
                case "duplicate_window" -> dupWindow[0] = ConfDurations.fromValue(lv, "duplicate_window");
                default -> warnings.add(BlockValues.noEffect(lv, "jetstream.limits." + e.getKey()));
            }
        }
    }
}

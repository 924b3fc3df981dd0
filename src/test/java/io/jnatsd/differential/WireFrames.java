package io.jnatsd.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cuts what a server sent into protocol frames (one control line, plus the payload for MSG and
 * HMSG) and writes each as one escaped line, with INFO reduced to what two servers must agree
 * on: the set of keys, and the values of the keys that do not differ by nature.
 */
final class WireFrames {

    /** Keys whose values differ between any two servers (ids, versions, addresses). */
    static final Set<String> VOLATILE_KEYS = Set.of("server_id", "server_name", "version", "go", "host", "port",
            "client_id", "client_ip", "git_commit", "nonce");

    /**
     * Keys whose presence depends on how the server binary was built, or that the reference sends only since a
     * version newer than the 2.9.10 oracle ({@code api_lvl}, 2.11; {@code xkey}, the server's curve key, 2.10).
     */
    static final Set<String> BUILD_KEYS = Set.of("git_commit", "api_lvl", "xkey");

    private static final ObjectMapper JSON = new ObjectMapper();

    private WireFrames() {
    }

    /** The frames of {@code data}; a trailing partial frame is kept as it is. */
    static List<String> split(byte[] data) {
        List<String> frames = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int lf = indexOf(data, (byte) '\n', i);
            if (lf < 0) {
                frames.add(WireEscapes.encode(data, i, data.length - i));
                break;
            }
            String line = new String(data, i, lf + 1 - i, StandardCharsets.UTF_8);
            int end = lf + 1;
            if (line.startsWith("MSG ") || line.startsWith("HMSG ")) {
                end = Math.min(data.length, end + payloadSize(line) + 2);
                frames.add(WireEscapes.encode(data, i, end - i));
            } else if (line.startsWith("INFO ")) {
                frames.add(normalizeInfo(line));
            } else {
                frames.add(WireEscapes.encode(data, i, end - i));
            }
            i = end;
        }
        return frames;
    }

    private static int payloadSize(String line) {
        String[] args = line.trim().split("[ \t]+");
        try {
            return Math.max(0, Integer.parseInt(args[args.length - 1]));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code INFO {json} \r\n} with sorted keys, volatile values as {@code *} and build-only keys dropped. */
    static String normalizeInfo(String line) {
        String json = line.substring("INFO ".length()).strip();
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            return "INFO <bad json> " + WireEscapes.encode(line.getBytes(StandardCharsets.UTF_8), 0, line.length());
        }
        Map<String, String> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (BUILD_KEYS.contains(e.getKey())) {
                continue;
            }
            fields.put(e.getKey(), VOLATILE_KEYS.contains(e.getKey()) ? "*" : e.getValue().toString());
        }
        StringBuilder sb = new StringBuilder("INFO {");
        fields.forEach((k, v) -> sb.append('"').append(k).append("\":").append(v).append(','));
        if (!fields.isEmpty()) {
            sb.setLength(sb.length() - 1);
        }
        return sb.append("}\\r\\n").toString();
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}

package io.jnatsd.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Twin of {@code ClientOpts} in {@code server/client.go}: what a client says in CONNECT.
 * Fields start at the reference's defaults (verbose, pedantic and echo on) and are
 * overwritten by what the JSON holds. Credentials are kept for the security room.
 *
 * <p>{@link #readOver} reads CONNECT JSON the way Go's {@code json.Unmarshal} reads it into
 * the connection's options: over the options already held (a second CONNECT changes only
 * the fields it names), keys matched without regard to case, unknown keys and {@code null}
 * values ignored, and anything else refused: a value of the wrong type (no coercion of
 * {@code "1"} to 1 or of 1.0 to an int), a top level that is not an object, text after the
 * object. Invalid UTF-8 in strings is replaced, not refused, as Go does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ConnectOptions {

    /** Protocol 0: the original protocol; 1: the client understands async INFO. */
    public static final int PROTOCOL_ORIGINAL = 0;
    public static final int PROTOCOL_INFO = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SKIP))
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    @JsonProperty("echo") public boolean echo = true;
    @JsonProperty("verbose") public boolean verbose = true;
    @JsonProperty("pedantic") public boolean pedantic = true;
    @JsonProperty("tls_required") public boolean tlsRequired;
    @JsonProperty("nkey") public String nkey;
    @JsonProperty("jwt") public String jwt;
    @JsonProperty("sig") public String signature;
    @JsonProperty("auth_token") public String authToken;
    @JsonProperty("user") public String user;
    @JsonProperty("pass") public String password;
    @JsonProperty("name") public String name;
    @JsonProperty("lang") public String lang;
    @JsonProperty("version") public String version;
    /** A Go {@code int}: 64 bits, so a large value is refused as a bad protocol, not as bad JSON. */
    @JsonProperty("protocol") public long protocol;
    @JsonProperty("account") public String account;
    @JsonProperty("new_account") public boolean newAccount;
    @JsonProperty("headers") public boolean headers;
    @JsonProperty("no_responders") public boolean noResponders;

    /**
     * The options {@code base} becomes once the CONNECT JSON at {@code buf[offset, offset+length)}
     * is applied; {@code base} itself is left as it was. Thread-safe.
     *
     * @throws IOException when the JSON is malformed or does not fit the options
     */
    static ConnectOptions readOver(ConnectOptions base, ByteBuf buf, int offset, int length) throws IOException {
        JsonNode node = JSON.readTree(buf.toString(offset, length, StandardCharsets.UTF_8));
        ConnectOptions result = base.copy();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            throw new IOException("CONNECT wants a JSON object, got " + node.getNodeType());
        }
        return JSON.readerForUpdating(result).readValue(node);
    }

    private ConnectOptions copy() {
        ConnectOptions c = new ConnectOptions();
        c.echo = echo;
        c.verbose = verbose;
        c.pedantic = pedantic;
        c.tlsRequired = tlsRequired;
        c.nkey = nkey;
        c.jwt = jwt;
        c.signature = signature;
        c.authToken = authToken;
        c.user = user;
        c.password = password;
        c.name = name;
        c.lang = lang;
        c.version = version;
        c.protocol = protocol;
        c.account = account;
        c.newAccount = newAccount;
        c.headers = headers;
        c.noResponders = noResponders;
        return c;
    }

    /** Whether an optional CONNECT string is absent or empty. */
    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** An optional CONNECT string, or "" when absent. */
    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

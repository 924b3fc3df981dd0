package io.jnatsd.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Twin of {@code ClientOpts} in {@code server/client.go}: what a client says in CONNECT.
 * Fields start at the reference's defaults (verbose, pedantic and echo on) and are
 * overwritten by what the JSON holds. Credentials are kept for the security room.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ConnectOptions {

    /** Protocol 0: the original protocol; 1: the client understands async INFO. */
    public static final int PROTOCOL_ORIGINAL = 0;
    public static final int PROTOCOL_INFO = 1;

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
    @JsonProperty("protocol") public int protocol;
    @JsonProperty("account") public String account;
    @JsonProperty("new_account") public boolean newAccount;
    @JsonProperty("headers") public boolean headers;
    @JsonProperty("no_responders") public boolean noResponders;
}

package io.jnatsd.auth.callout;

import io.jnatsd.auth.jwt.UserJwtPermissions;
import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.UserLimits;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.UserClaims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Twin of {@code AuthorizationResponseClaims} in {@code github.com/nats-io/jwt/v2} and of the
 * response half of {@code processClientOrLeafCallout} in {@code server/auth_callout.go}, for the
 * server-configured callout (no operator): checks the service's answer, in the reference's order
 * and with its words, and turns the user JWT it carries into an {@link Identity} (the account is
 * the user JWT's {@code aud}, as the reference places users outside operator mode).
 *
 * <p>Stateless; thread-safe.
 */
final class AuthorizationResponse {

    /** The response's {@code nats.type}. */
    static final String TYPE = "authorization_response";

    private AuthorizationResponse() {
    }

    /**
     * What the answer must match.
     *
     * @param userNkey      the user key the request named
     * @param serverId      this server's id, the response's {@code aud}
     * @param issuer        the configured issuer account key, which must sign the user JWT
     * @param account       the account the request went out in (for messages)
     * @param accountExists which account names the user may be placed in
     */
    record Expected(String userNkey, String serverId, String issuer, String account, Predicate<String> accountExists) {
    }

    /**
     * Checks {@code payload} (the response JWT) and returns who the client is.
     *
     * @throws CalloutException why the client is refused
     */
    static Identity verify(String payload, Expected want, long nowSeconds) throws CalloutException {
        Jwt response = response(payload, want.userNkey(), want.serverId(), want.account(), nowSeconds);
        return user(response.nats().path("jwt").asText(""), want, nowSeconds);
    }

    /**
     * Checks {@code payload} as a response JWT about {@code userNkey} for this server, with no
     * {@code error}: the part of {@code decodeResponse} both kinds of callout share.
     *
     * @param account the account the request went out in (for messages)
     * @return the response, whose {@code nats.jwt} is the user JWT
     * @throws CalloutException why the client is refused
     */
    static Jwt response(String payload, String userNkey, String serverId, String account, long nowSeconds)
            throws CalloutException {
        if (payload == null || payload.isBlank()) {
            throw new CalloutException("auth callout violation: \"no reason supplied\" on account \""
                    + account + "\"");
        }
        Jwt response = decode(payload.trim());
        if (!TYPE.equals(response.type())) {
            throw new CalloutException("not an authorization request claim");
        }
        String userJwt = response.nats().path("jwt").asText("");
        String error = response.nats().path("error").asText("");
        String problem = responseProblem(response, userJwt, error, nowSeconds);
        if (problem != null) {
            throw new CalloutException("authorization response had validation errors: " + problem);
        }
        if (!response.subject().equals(userNkey)) {
            throw new CalloutException("auth callout violation: auth callout response is not for expected user");
        }
        if (!serverId.equals(response.claims().path("aud").asText(""))) {
            throw new CalloutException("auth callout violation: auth callout response is not for server");
        }
        if (!error.isEmpty()) {
            throw new CalloutException("auth callout service returned an error: " + error);
        }
        return response;
    }

    private static Jwt decode(String text) throws CalloutException {
        try {
            return Jwt.decode(text, NKeys.PREFIX_ACCOUNT);
        } catch (JwtException e) {
            throw new CalloutException(e.getMessage());
        }
    }

    /** The first issue the JWT library's {@code Validate} would find, or null. */
    private static String responseProblem(Jwt r, String userJwt, String error, long nowSeconds) {
        if (!NKeys.isValidPublicUserKey(r.subject())) {
            return "Subject must be a user public key";
        }
        if (!NKeys.isValidPublicKey(NKeys.PREFIX_SERVER, r.claims().path("aud").asText(""))) {
            return "Audience must be a server public key";
        }
        if (error.isEmpty() && userJwt.isEmpty()) {
            return "Error or Jwt is required";
        }
        if (!error.isEmpty() && !userJwt.isEmpty()) {
            return "Only Error or Jwt can be set";
        }
        String issuerAccount = r.nats().path("issuer_account").asText("");
        if (!issuerAccount.isEmpty() && !NKeys.isValidPublicKey(NKeys.PREFIX_ACCOUNT, issuerAccount)) {
            return "issuer_account is not an account public key";
        }
        return timeProblem(r, nowSeconds);
    }

    static String timeProblem(Jwt jwt, long nowSeconds) {
        if (jwt.expiredAt(nowSeconds)) {
            return "claim is expired";
        }
        return jwt.notYetValidAt(nowSeconds) ? "claim is not yet valid" : null;
    }

    static Identity user(String text, Expected want, long nowSeconds) throws CalloutException {
        UserClaims user;
        try {
            user = UserClaims.decode(text);
        } catch (JwtException e) {
            throw new CalloutException(e.getMessage());
        }
        Jwt jwt = user.jwt();
        String timing = timeProblem(jwt, nowSeconds);
        if (timing != null) {
            throw new CalloutException("Error validating user JWT: " + timing);
        }
        if (!jwt.subject().equals(want.userNkey())) {
            throw new CalloutException("Expected authorized user of \"" + want.userNkey() + "\" but got \""
                    + jwt.subject() + "\" on account \"" + want.account() + "\"");
        }
        if (!user.issuerAccount().isEmpty()) {
            throw new CalloutException("error non operator mode account \"" + want.account()
                    + "\": attempted to use issuer_account");
        }
        if (!jwt.issuer().equals(want.issuer())) {
            throw new CalloutException("wrong issuer for auth callout response on account \"" + want.account()
                    + "\", expected \"" + want.issuer() + "\" got \"" + jwt.issuer() + "\"");
        }
        String placement = jwt.claims().path("aud").asText("");
        if (!want.accountExists().test(placement)) {
            throw new CalloutException("no valid account \"" + placement + "\" for auth callout response on account \""
                    + want.account() + "\": account missing");
        }
        String name = jwt.claims().path("name").asText("");
        return new Identity(name.isEmpty() ? jwt.subject() : name, placement, limits(jwt),
                UserJwtPermissions.of(jwt.nats()));
    }

    private static UserLimits limits(Jwt jwt) {
        JsonNode n = jwt.nats();
        Set<String> types = new HashSet<>();
        n.path("allowed_connection_types").forEach(t -> types.add(t.asText()));
        List<String> src = new ArrayList<>();
        n.path("src").forEach(s -> src.add(s.asText()));
        return new UserLimits(n.path("subs").asLong(UserLimits.UNLIMITED), n.path("payload").asLong(UserLimits.UNLIMITED),
                n.path("data").asLong(UserLimits.UNLIMITED), types, src,
                jwt.expires() > 0 ? Instant.ofEpochSecond(jwt.expires()) : null);
    }
}

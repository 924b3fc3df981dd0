package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.auth.NKeys;
import io.jnatsd.testing.TestJwts;
import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding and checking NATS JWTs, and the user JWT's src and times checks. */
class JwtTest {

    @Test
    void shouldDecodeUserJwt_whenIssuedByOfficialClientJwtUtils() throws Exception {
        NKey account = NKey.createAccount(null);
        NKey user = NKey.createUser(null);
        String jwt = JwtUtils.issueUserJWT(account, new String(account.getPublicKey()),
                new String(user.getPublicKey()), "bob");
        UserClaims claims = UserClaims.decode(jwt);
        assertThat(claims.jwt().subject()).isEqualTo(new String(user.getPublicKey()));
        assertThat(claims.account()).isEqualTo(new String(account.getPublicKey()));
        assertThat(claims.jwt().type()).isEqualTo("user");
    }

    @Test
    void shouldRefuseJwt_whenMalformedOrOfWrongKind() throws Exception {
        NKey operator = NKey.createOperator(null);
        String op = TestJwts.operator(operator);
        assertThat(OperatorClaims.decode(op).subject()).isEqualTo(new String(operator.getPublicKey()));
        assertThatThrownBy(() -> Jwt.decode("a.b", NKeys.PREFIX_OPERATOR)).hasMessageContaining("expected 3 chunks");
        assertThatThrownBy(() -> UserClaims.decode(op)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> AccountClaims.decode(op)).hasMessageContaining("not account claim");
        String[] parts = op.split("\\.");
        assertThatThrownBy(() -> Jwt.decode(parts[0] + "." + parts[1] + "." + parts[1], NKeys.PREFIX_OPERATOR))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> Jwt.decode("eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0." + parts[1] + "." + parts[2],
                NKeys.PREFIX_OPERATOR)).hasMessageContaining("algorithm");
    }

    @Test
    void shouldMatchSourceNetworks_whenCidrContainsClient() {
        assertThat(Cidrs.containsAny(List.of("10.0.0.0/8", "127.0.0.1/32"), "127.0.0.1")).isTrue();
        assertThat(Cidrs.containsAny(List.of("10.0.0.0/8"), "127.0.0.1")).isFalse();
        assertThat(Cidrs.containsAny(List.of("::1/128"), "::1")).isTrue();
        assertThat(Cidrs.containsAny(List.of("garbage"), "127.0.0.1")).isFalse();
    }

    @Test
    void shouldAllowConnect_onlyInsideTimeRanges() throws Exception {
        Clock noon = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
        ObjectMapper json = new ObjectMapper();
        assertThat(ConnectTimes.allowNow(json.readTree("{\"times\":[{\"start\":\"11:00:00\",\"end\":\"13:00:00\"}]}"),
                noon)).isTrue();
        assertThat(ConnectTimes.allowNow(json.readTree("{\"times\":[{\"start\":\"13:00:00\",\"end\":\"14:00:00\"}]}"),
                noon)).isFalse();
        assertThat(ConnectTimes.allowNow(json.readTree("{\"times\":[{\"start\":\"22:00:00\",\"end\":\"13:00:00\"}]}"),
                noon)).isTrue();
        assertThat(ConnectTimes.allowNow(json.readTree("{}"), noon)).isTrue();
    }
}

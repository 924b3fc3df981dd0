package io.jnatsd.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class AuthenticatorTest {

    private static final AuthOptions USERS = AuthOptions.NONE.withUsers(List.of(
            new AuthOptions.User("alice", "foo"), new AuthOptions.User("bob", "bar"), new AuthOptions.User("eve", null)));

    @Test
    void shouldLetEveryoneIn_whenNoAuthIsConfigured() {
        Authenticator a = new Authenticator(AuthOptions.NONE);
        assertThat(a.required()).isFalse();
        assertThat(a.authenticate(null, null, null)).contains("");
        assertThat(a.authenticate("x", "y", "z")).contains("x");
    }

    @Test
    void shouldCheckTheToken_whenATokenIsConfigured() {
        Authenticator a = new Authenticator(AuthOptions.NONE.withToken("s3cr3t"));
        assertThat(a.required()).isTrue();
        assertThat(a.authenticate(null, null, "s3cr3t")).contains("");
        assertThat(a.authenticate(null, null, "s3cr3T")).isEmpty();
        assertThat(a.authenticate(null, null, "s3cr3t ")).isEmpty();
        assertThat(a.authenticate("s3cr3t", "s3cr3t", null)).isEmpty();
        assertThat(a.authenticate(null, null, null)).isEmpty();
    }

    @Test
    void shouldCheckNameAndPassword_whenASingleUserIsConfigured() {
        Authenticator a = new Authenticator(AuthOptions.NONE.withUser("derek").withPassword("porkchop"));
        assertThat(a.authenticate("derek", "porkchop", null)).contains("derek");
        assertThat(a.authenticate("derek", "wrong", null)).isEmpty();
        assertThat(a.authenticate("other", "porkchop", null)).isEmpty();
        assertThat(a.authenticate(null, null, "porkchop")).isEmpty();
    }

    @Test
    void shouldCheckEachListedUser_whenAUsersListIsConfigured() {
        Authenticator a = new Authenticator(USERS);
        assertThat(a.authenticate("alice", "foo", null)).contains("alice");
        assertThat(a.authenticate("bob", "bar", null)).contains("bob");
        assertThat(a.authenticate("alice", "bar", null)).isEmpty();
        assertThat(a.authenticate("carol", "foo", null)).isEmpty();
        assertThat(a.authenticate(null, null, null)).isEmpty();
        assertThat(a.authenticate("eve", null, null)).contains("eve");
        assertThat(a.noAuthUser()).isNull();
    }

    @Test
    void shouldTakeACredentiallessClientForNoAuthUser_whenOneIsConfigured() {
        Authenticator a = new Authenticator(USERS.withNoAuthUser("bob"));
        assertThat(a.noAuthUser()).isEqualTo("bob");
        assertThat(a.authenticate(null, null, null)).contains("bob");
        assertThat(a.authenticate("", "", "")).contains("bob");
        assertThat(a.authenticate("alice", "foo", null)).contains("alice");
        assertThat(a.authenticate("alice", "nope", null)).isEmpty();
        assertThat(a.authenticate(null, "bar", null)).isEmpty();
    }

    @Test
    void shouldCompareSecretsByContent() {
        assertThat(Authenticator.secretsEqual("abc", "abc")).isTrue();
        assertThat(Authenticator.secretsEqual("abc", "abd")).isFalse();
        assertThat(Authenticator.secretsEqual("abc", "ab")).isFalse();
        assertThat(Authenticator.secretsEqual(null, "")).isTrue();
        assertThat(Authenticator.secretsEqual("é", "é")).isTrue();
    }

    @Test
    void shouldCheckABcryptTokenAndPassword_whenTheSecretsAreHashed() {
        Authenticator token = new Authenticator(AuthOptions.NONE
                .withToken("$2b$04$vp21iVse39Muy3.wib7UFuQ9trLkkvWqeU5HN7cjlseBc2evUEJEm"));
        assertThat(token.authenticate(null, null, "bctoken")).isPresent();
        assertThat(token.authenticate(null, null, "bctokeN")).isEmpty();
        Authenticator users = new Authenticator(AuthOptions.NONE.withUsers(java.util.List.of(
                new AuthOptions.User("u", "$2a$04$kYF8sF5/JorQhGSOhYIIo.houwjGxpGVX44KQIZF.YHyivfDNFiLW"))));
        assertThat(users.authenticate("u", "bcpass", null)).contains("u");
        assertThat(users.authenticate("u", "wrong", null)).isEmpty();
    }
}

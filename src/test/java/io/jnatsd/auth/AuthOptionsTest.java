package io.jnatsd.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class AuthOptionsTest {

    @Test
    void shouldNotShowSecrets_whenPrinted() {
        AuthOptions a = new AuthOptions("tok3n", "u", "pa55", List.of(new AuthOptions.User("v", "w0rd")), null, null,
                null);
        assertThat(a.toString()).doesNotContain("tok3n").doesNotContain("pa55").doesNotContain("w0rd")
                .contains("user=u").contains("user=v");
    }

    @Test
    void shouldUseTheDefaultTimeout_whenNoneOrZeroIsGiven() {
        assertThat(AuthOptions.NONE.withToken("t").withTimeout(null).timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(AuthOptions.NONE.withTimeout(Duration.ZERO).timeout()).isEqualTo(AuthOptions.TIMEOUT_DEFAULT);
        assertThat(AuthOptions.NONE.withTimeout(Duration.ofMillis(50)).timeout()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void shouldRequireAuth_onlyForATokenAUserOrAUsersList() {
        assertThat(AuthOptions.NONE.required()).isFalse();
        assertThat(AuthOptions.NONE.withPassword("p").required()).isFalse();
        assertThat(AuthOptions.NONE.withToken("t").required()).isTrue();
        assertThat(AuthOptions.NONE.withUser("u").required()).isTrue();
        assertThat(AuthOptions.NONE.withUsers(List.of(new AuthOptions.User("a", "b"))).required()).isTrue();
    }

    @Test
    void shouldSeeBcryptHashes_asTheReferenceDoes() {
        assertThat(AuthOptions.isBcrypt("$2a$10$UHR6GhotWhpLsKtVP0/i6.Nh9.fuY73cWjLoJjb2sKT8KISBcUW5q")).isTrue();
        assertThat(AuthOptions.isBcrypt("$2y$11$abc")).isTrue();
        assertThat(AuthOptions.isBcrypt("$2c$10$abc")).isFalse();
        assertThat(AuthOptions.isBcrypt("$secret")).isFalse();
        assertThat(AuthOptions.isBcrypt(null)).isFalse();
    }

    @Test
    void shouldAcceptABcryptPassword_whenValidated() {
        AuthOptions a = AuthOptions.NONE.withUser("u").withPassword("$2a$10$abcdefghijklmnopqrstuv");
        a.validate();
        assertThat(a.toString()).doesNotContain("abcdefghij");
    }

    @Test
    void shouldRefuseNoAuthUser_whenTheListLacksIt() {
        AuthOptions a = AuthOptions.NONE.withUsers(List.of(new AuthOptions.User("a", "b"))).withNoAuthUser("c");
        assertThatThrownBy(a::validate).hasMessageContaining("no_auth_user: \"c\" not present");
        a.withNoAuthUser("a").validate();
    }
}

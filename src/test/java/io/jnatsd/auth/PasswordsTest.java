package io.jnatsd.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordsTest {

    @Test
    void shouldMatchEachBcryptVersion_whenThePlainTextIsRight() {
        assertThat(Passwords.matches("$2a$04$kYF8sF5/JorQhGSOhYIIo.houwjGxpGVX44KQIZF.YHyivfDNFiLW", "bcpass")).isTrue();
        assertThat(Passwords.matches("$2b$04$vp21iVse39Muy3.wib7UFuQ9trLkkvWqeU5HN7cjlseBc2evUEJEm", "bctoken")).isTrue();
        assertThat(Passwords.matches("$2y$04$vp21iVse39Muy3.wib7UFuQ9trLkkvWqeU5HN7cjlseBc2evUEJEm", "bctoken")).isTrue();
        assertThat(Passwords.matches("$2x$04$kYF8sF5/JorQhGSOhYIIo.houwjGxpGVX44KQIZF.YHyivfDNFiLW", "bcpass")).isTrue();
    }

    @Test
    void shouldRefuse_whenThePasswordIsWrongOrTheHashIsBroken() {
        assertThat(Passwords.matches("$2a$04$kYF8sF5/JorQhGSOhYIIo.houwjGxpGVX44KQIZF.YHyivfDNFiLW", "bcpasS")).isFalse();
        assertThat(Passwords.matches("$2a$04$short", "bcpass")).isFalse();
        assertThat(Passwords.matches("$2a$04$kYF8sF5/JorQhGSOhYIIo.houwjGxpGVX44KQIZF.YHyivfDNFiLW",
                "$2a$04$kYF8sF5/JorQhGSOhYIIo.houwjGxpGVX44KQIZF.YHyivfDNFiLW")).isFalse();
    }

    @Test
    void shouldCompareInPlainText_whenTheSecretIsNoHash() {
        assertThat(Passwords.matches("plain", "plain")).isTrue();
        assertThat(Passwords.matches("plain", "plaiN")).isFalse();
        assertThat(Passwords.matches(null, "")).isTrue();
        assertThat(Passwords.isBcrypt("$2c$10$abc")).isFalse();
    }
}

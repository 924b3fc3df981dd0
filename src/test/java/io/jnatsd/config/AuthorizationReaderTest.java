package io.jnatsd.config;

import io.jnatsd.auth.AuthOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The authorization block and no_auth_user, read through {@link ServerOptionsReader} as a conf file is. */
@Timeout(10)
class AuthorizationReaderTest {

    private static AuthOptions auth(String conf) throws ConfException {
        return read(conf, new ServerOptionsReader()).auth();
    }

    private static ServerOptions read(String conf, ServerOptionsReader reader) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        reader.read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    @Test
    void shouldHaveNoAuth_whenNoBlockIsGiven() throws ConfException {
        assertThat(auth("port: 4222\n")).isEqualTo(AuthOptions.NONE);
        assertThat(AuthOptions.NONE.required()).isFalse();
    }

    @Test
    void shouldReadAToken_whenTheBlockHasOne() throws ConfException {
        AuthOptions a = auth("authorization { token: s3cr3t }\n");
        assertThat(a.token()).isEqualTo("s3cr3t");
        assertThat(a.required()).isTrue();
        assertThat(a.timeout()).isEqualTo(AuthOptions.TIMEOUT_DEFAULT);
    }

    @Test
    void shouldReadUserAndPassword_underEitherSpelling() throws ConfException {
        AuthOptions a = auth("authorization { user: derek, password: porkchop, timeout: 1 }\n");
        AuthOptions b = auth("authorization { username: derek, pass: porkchop, timeout: 1 }\n");
        assertThat(a).isEqualTo(b);
        assertThat(a.user()).isEqualTo("derek");
        assertThat(a.password()).isEqualTo("porkchop");
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldReadTheTimeout_asFloatSecondsOrADuration() throws ConfException {
        assertThat(auth("authorization { token: t, timeout: 0.5 }\n").timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(auth("authorization { token: t, timeout: \"250ms\" }\n").timeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldWarn_whenTheTimeoutIsOverAMinute() throws ConfException {
        ServerOptionsReader reader = new ServerOptionsReader();
        read("authorization { token: t, timeout: 120 }\n", reader);
        assertThat(reader.warnings()).singleElement().asString().contains("is high");
    }

    @Test
    void shouldReadTheUsersList_andNoAuthUserInAnyOrder() throws ConfException {
        AuthOptions a = auth("""
                no_auth_user: bob
                authorization {
                  users: [
                    {user: alice, password: foo}
                    {user: bob, pass: bar}
                  ]
                }
                """);
        assertThat(a.users()).containsExactly(new AuthOptions.User("alice", "foo"), new AuthOptions.User("bob", "bar"));
        assertThat(a.noAuthUser()).isEqualTo("bob");
        assertThat(a.required()).isTrue();
    }

    @Test
    void shouldSkipVariablesDefinedInsideTheBlock() throws ConfException {
        AuthOptions a = auth("""
                authorization {
                  ALICE_PASS: foo
                  users: [{user: alice, password: $ALICE_PASS}]
                }
                """);
        assertThat(a.users()).containsExactly(new AuthOptions.User("alice", "foo"));
    }

    @Test
    void shouldRefuseNoAuthUser_whenItNamesNoUser() {
        assertThatThrownBy(() -> auth("no_auth_user: carol\nauthorization { users: [{user: a, password: b}] }\n"))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("no_auth_user: \"carol\" not present as user");
        assertThatThrownBy(() -> auth("no_auth_user: carol\n"))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("users/nkeys are not defined");
    }

    @Test
    void shouldRefuseMixedMechanisms_asTheReferenceDoes() {
        assertThatThrownBy(() -> auth("authorization { user: a, password: b, token: t }\n"))
                .hasMessageContaining("Cannot have a user/pass and token");
        assertThatThrownBy(() -> auth("authorization { user: a, users: [{user: b, password: c}] }\n"))
                .hasMessageContaining("Can not have a single user/pass and a users array");
        assertThatThrownBy(() -> auth("authorization { token: t, users: [{user: b, password: c}] }\n"))
                .hasMessageContaining("Can not have a token and a users array");
    }

    @Test
    void shouldRefuseBadUserEntries() {
        assertThatThrownBy(() -> auth("authorization { users: [{password: c}] }\n"))
                .hasMessageContaining("User entry requires a user");
        assertThatThrownBy(() -> auth("authorization { users: [{user: a, password: b}, {user: a, password: c}] }\n"))
                .hasMessageContaining("Duplicate user \"a\" detected");
        assertThatThrownBy(() -> auth("authorization { users: [{user: a, bogus: 1}] }\n"))
                .hasMessageContaining("unknown field \"bogus\"");
    }

    @Test
    void shouldRefuseWhatIsNotBuilt_insteadOfIgnoringIt() {
        assertThatThrownBy(() -> auth("authorization { proxy_required: true }\n"))
                .hasMessageContaining("\"proxy_required\" in authorization is not supported");
    }

    @Test
    void shouldReadNkeyUsers_whenUsersEntryHasNkey() throws Exception {
        String key = "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4";
        AuthOptions a = auth("authorization { users: [{nkey: " + key + "}, {user: bob, password: b}] }\n");
        assertThat(a.nkeys()).containsExactly(new AuthOptions.NkeyUser(key));
        assertThat(a.users()).extracting(AuthOptions.User::user).containsExactly("bob");
        assertThat(a.required()).isTrue();
        assertThatThrownBy(() -> auth("authorization { users: [{nkey: UBAD}] }\n"))
                .hasMessageContaining("Not a valid public nkey for a user");
        assertThatThrownBy(() -> auth("authorization { users: [{nkey: " + key + ", user: x}] }\n"))
                .hasMessageContaining("Nkey users do not take usernames or passwords");
    }

    @Test
    void shouldKeepABcryptPassword_asTheHash() throws ConfException {
        String hash = "$2a$10$UHR6GhotWhpLsKtVP0/i6.Nh9.fuY73cWjLoJjb2sKT8KISBcUW5q";
        AuthOptions a = auth("authorization { users: [{user: alice, password: \"" + hash + "\"}] }\n");
        assertThat(a.users()).singleElement().extracting(AuthOptions.User::password).isEqualTo(hash);
        assertThat(a.toString()).doesNotContain(hash);
    }
}

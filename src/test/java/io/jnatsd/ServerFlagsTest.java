package io.jnatsd;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.config.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The auth flags: --user, --pass and --auth, alone and over a conf file. */
@Timeout(10)
class ServerFlagsTest {

    private static ServerOptions options(String... args) {
        ServerFlags flags = new ServerFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.toOptions();
    }

    @Test
    void shouldRequireUserAndPassword_whenUserAndPassAreGiven() {
        AuthOptions a = options("--user", "a", "--pass", "b").auth();
        assertThat(a.user()).isEqualTo("a");
        assertThat(a.password()).isEqualTo("b");
        assertThat(a.required()).isTrue();
    }

    @Test
    void shouldRequireAToken_whenAuthIsGiven() {
        AuthOptions a = options("--auth", "s3cr3t").auth();
        assertThat(a.token()).isEqualTo("s3cr3t");
        assertThat(a.required()).isTrue();
    }

    @Test
    void shouldHaveNoAuth_whenNoAuthFlagIsGiven() {
        assertThat(options("-p", "4333").auth()).isEqualTo(AuthOptions.NONE);
    }

    @Test
    void shouldWinOverTheFile_whenBothSetTheUser(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("a.conf"), "authorization { user: x, password: y, timeout: 3 }\n");
        AuthOptions a = options("-c", conf.toString(), "--user", "a", "--pass", "b").auth();
        assertThat(a.user()).isEqualTo("a");
        assertThat(a.password()).isEqualTo("b");
        assertThat(a.timeout().toSeconds()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheFilesUsers_whenNoAuthFlagIsGiven(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("a.conf"),
                "no_auth_user: a\nauthorization { users: [{user: a, password: b}] }\n");
        AuthOptions a = options("-c", conf.toString()).auth();
        assertThat(a.users()).isEqualTo(List.of(new AuthOptions.User("a", "b")));
        assertThat(a.noAuthUser()).isEqualTo("a");
    }

    @Test
    void shouldKeepABcryptPass_asTheHash() throws Exception {
        assertThat(options("--user", "a", "--pass", "$2a$10$abcdefghijklmnopqrstuv").auth().password())
                .isEqualTo("$2a$10$abcdefghijklmnopqrstuv");
    }
}

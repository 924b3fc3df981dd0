package io.jnatsd.config;

import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.AccountsOptions;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.auth.Permissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The accounts, permissions, system account and mappings blocks, read as a conf file is. */
@Timeout(10)
class AccountsReaderTest {

    private static ServerOptions read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    @Test
    void shouldReadUsersExportsImportsMappingsAndLimits_whenAccountsAreConfigured() throws ConfException {
        ServerOptions o = read("""
                accounts {
                  A {
                    users = [ { user: a, password: pa, permissions: { publish: "x" } } ]
                    exports = [ { service: "svc", response: chunked, accounts: [B] }, { stream: "ev.>" } ]
                    mappings = { "m": [ { dest: "m1", weight: 30 }, { dest: "m2", weight: "70%" } ] }
                    limits = { max_connections: 3, max_subs: 4, max_payload: 5 }
                  }
                  B {
                    users = [ { user: b, password: pb } ]
                    default_permissions = { subscribe: { deny: "no" } }
                    imports = [ { service: { account: A, subject: svc }, to: ask },
                                { stream: { account: A, subject: "ev.>" }, prefix: p } ]
                  }
                }
                system_account: A
                """);
        AccountsOptions acc = o.accounts();
        assertThat(acc.accounts()).extracting(AccountConfig::name).containsExactly("A", "B");
        AccountConfig a = acc.accounts().get(0);
        assertThat(a.exports()).extracting(ExportConfig::responseType)
                .containsExactly(ExportConfig.ResponseType.CHUNKED, ExportConfig.ResponseType.SINGLETON);
        assertThat(a.mappings().get(0).destinations()).hasSize(2);
        assertThat(a.limits().maxConnections()).isEqualTo(3);
        assertThat(a.limits().maxSubscriptions()).isEqualTo(4);
        assertThat(a.limits().maxPayload()).isEqualTo(5);
        ImportConfig svc = acc.accounts().get(1).imports().get(0);
        assertThat(svc.service()).isTrue();
        assertThat(svc.localSubject()).isEqualTo("ask");
        assertThat(acc.accounts().get(1).imports().get(1).localSubject()).isEqualTo("p.ev.>");
        assertThat(acc.userAccounts()).containsEntry("a", "A").containsEntry("b", "B");
        assertThat(acc.userPermissions().get("a").publish().allow()).containsExactly("x");
        assertThat(acc.userPermissions().get("b").subscribe().deny()).containsExactly("no");
        assertThat(acc.systemAccountName()).isEqualTo("A");
        assertThat(o.auth().users()).extracting(u -> u.user()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void shouldTurnAllowResponsesIntoAnEmptyPublishAllow_asTheReferenceDoes() throws ConfException {
        ServerOptions o = read("""
                authorization {
                  default_permissions = { publish: "pub.>" }
                  users = [ { user: r, password: r, permissions: { allow_responses: { max: 3, expires: "5s" } } },
                            { user: d, password: d } ]
                }
                """);
        Permissions r = o.accounts().userPermissions().get("r");
        assertThat(r.publish().allow()).isEmpty();
        assertThat(r.response().maxMsgs()).isEqualTo(3);
        assertThat(r.response().expires()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.accounts().userPermissions().get("d").publish().allow()).containsExactly("pub.>");
    }

    @Test
    void shouldReadQueuePermissions_andRefuseABadQueue() throws ConfException {
        ServerOptions o = read("authorization { users = [ { user: q, password: q, permissions: "
                + "{ subscribe: [\"foo.* grp\"] } } ] }\n");
        assertThat(o.accounts().userPermissions().get("q").subscribe().allow()).containsExactly("foo.* grp");
        assertThatThrownBy(() -> read("authorization { users = [ { user: q, password: q, permissions: "
                + "{ publish: [\"foo grp\"] } } ] }\n")).hasMessageContaining("is not a valid subject");
    }

    @Test
    void shouldRefuseWhatTheReferenceRefuses() {
        assertThatThrownBy(() -> read("accounts { $G { } }\n")).hasMessageContaining("Reserved Account");
        assertThatThrownBy(() -> read("accounts { B { imports = [ { stream: { account: X, subject: s } } ] } }\n"))
                .hasMessageContaining("\"X\" account not defined for stream import");
        assertThatThrownBy(() -> read("accounts { A { }, B { imports = [ { service: { account: A, subject: s } } ] } }\n"))
                .hasMessageContaining("service import not authorized");
        assertThatThrownBy(() -> read("accounts { A { users = [ {user: u, password: p} ] }, "
                + "B { users = [ {user: u, password: q} ] } }\n")).hasMessageContaining("Duplicate user");
        assertThatThrownBy(() -> read("authorization { user: x, password: y }\n"
                + "accounts { A { users = [ {user: u, password: p} ] } }\n"))
                .hasMessageContaining("Can not have a single user/pass and accounts");
        assertThatThrownBy(() -> read("mappings = { \"a\": [ { dest: b, weight: 80 }, { dest: c, weight: 30 } ] }\n"))
                .hasMessageContaining("over 100%");
        assertThatThrownBy(() -> read("mappings = { \"a\": [ { dest: b } ] }\n"))
                .hasMessageContaining("Missing weight");
        assertThatThrownBy(() -> read("system_account: NOPE\n")).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> read("authorization { users = [ { user: u, permissions: { bogus: 1 } } ] }\n"))
                .hasMessageContaining("Unknown field \"bogus\" parsing permissions");
    }

    @Test
    void shouldHaveNoSystemAccount_whenNoSystemAccountIsSet() throws ConfException {
        assertThat(read("no_system_account: true\n").accounts().systemAccountName()).isNull();
        assertThat(read("port: 1\n").accounts().systemAccountName()).isEqualTo("$SYS");
        assertThat(read("accounts [ X, Y ]\n").accounts().accounts()).extracting(AccountConfig::name)
                .containsExactly("X", "Y");
        assertThat(List.of(read("mappings = { a: b }\n").accounts().mappings().get(0).source())).containsExactly("a");
    }
}

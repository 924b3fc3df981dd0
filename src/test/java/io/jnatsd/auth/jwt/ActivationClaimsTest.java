package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.TestJwts;
import io.nats.client.NKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jnatsd.testing.OperatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks of an activation token against the import that carries it and the export it opens. */
class ActivationClaimsTest {


    private OperatorFixture f;
    private NKey exporter;
    private NKey importer;
    private NKey signingKey;
    private AccountClaims exporterClaims;
    private final ExportClaim export = new ExportClaim("", false, "secret.>", true, Map.of(), "", 0,
            ExportClaim.NO_LATENCY, "", 0, false);

    @BeforeEach
    void fixture() throws Exception {
        f = OperatorFixture.create();
        exporter = f.account;
        importer = NKey.createAccount(null);
        signingKey = NKey.createAccount(null);
        exporterClaims = AccountClaims.decode(f.accountJwt(n -> n.putArray("signing_keys").add(key(signingKey))));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String token(NKey signer, NKey subject, String kind, String importSubject, String issuerAccount,
                                long expires) {
        ObjectNode nats = TestJwts.nats().put("subject", importSubject).put("kind", kind);
        if (issuerAccount != null) {
            nats.put("issuer_account", issuerAccount);
        }
        return TestJwts.issue(signer, key(subject), "activation", nats, expires);
    }

    private ImportClaim streamImport(String subject, String token) {
        return new ImportClaim("", false, key(exporter), subject, "", "", token, false, false);
    }

    private long verify(ImportClaim imp, ExportClaim e) {
        return ActivationClaims.verify(imp, key(importer), exporterClaims, e, now());
    }

    @Test
    void shouldAccept_whenExporterSignsForImporterAndSubjectCovered() {
        long exp = now() + 3600;
        String t = token(exporter, importer, "stream", "secret.>", null, exp);
        assertThat(verify(streamImport("secret.plans", t), export)).isEqualTo(exp);
    }

    @Test
    void shouldAccept_whenSigningKeyOfExporterSignsAndNamesIt() {
        String t = token(signingKey, importer, "stream", "secret.>", key(exporter), 0);
        assertThat(verify(streamImport("secret.>", t), export)).isZero();
    }

    @Test
    void shouldRefuse_whenTokenMissingOrForAnotherAccountOrKindOrSubject() throws Exception {
        assertThatThrownBy(() -> verify(streamImport("secret.>", ""), export))
                .hasMessageContaining("requires an activation token");
        NKey other = NKey.createAccount(null);
        assertThatThrownBy(() -> verify(streamImport("secret.>",
                token(exporter, other, "stream", "secret.>", null, 0)), export))
                .hasMessageContaining("doesn't match account it is being included in");
        assertThatThrownBy(() -> verify(streamImport("secret.>",
                token(exporter, importer, "service", "secret.>", null, 0)), export))
                .hasMessageContaining("mismatch between token import type");
        assertThatThrownBy(() -> verify(streamImport("secret.>",
                token(exporter, importer, "stream", "secret.one", null, 0)), export))
                .hasMessageContaining("doesn't match import");
    }

    @Test
    void shouldRefuse_whenSignedByStrangerOrUntrustedSigningKey() throws Exception {
        NKey stranger = NKey.createAccount(null);
        assertThatThrownBy(() -> verify(streamImport("secret.>",
                token(stranger, importer, "stream", "secret.>", null, 0)), export))
                .hasMessageContaining("doesn't match account for import");
        assertThatThrownBy(() -> verify(streamImport("secret.>",
                token(stranger, importer, "stream", "secret.>", key(exporter), 0)), export))
                .hasMessageContaining("not trusted");
    }

    @Test
    void shouldRefuse_whenExpiredOrRevoked() {
        assertThatThrownBy(() -> verify(streamImport("secret.>",
                token(exporter, importer, "stream", "secret.>", null, now() - 1)), export))
                .hasMessageContaining("expired");
        String t = token(exporter, importer, "stream", "secret.>", null, 0);
        long later = System.currentTimeMillis() / 1000 + 5;
        ExportClaim revoking = new ExportClaim("", false, "secret.>", true, Map.of(key(importer), later), "", 0,
                ExportClaim.NO_LATENCY, "", 0, false);
        assertThatThrownBy(() -> verify(streamImport("secret.>", t), revoking)).hasMessageContaining("revoked");
        ExportClaim revokingAll = new ExportClaim("", false, "secret.>", true, Map.of("*", later), "", 0,
                ExportClaim.NO_LATENCY, "", 0, false);
        assertThatThrownBy(() -> verify(streamImport("secret.>", t), revokingAll)).hasMessageContaining("revoked");
    }

    @Test
    void shouldReadExportsAndImports_whenAccountJwtDeclaresThem() {
        AccountClaims c = AccountClaims.decode(f.accountJwt(n -> {
            n.putArray("exports").addObject().put("type", "service").put("subject", "svc.>")
                    .put("response_type", "Stream").put("response_threshold", 5_000_000_000L)
                    .put("account_token_position", 2).put("allow_trace", true)
                    .putObject("service_latency").put("sampling", "headers").put("results", "lat");
            n.putArray("imports").addObject().put("type", "service").put("account", key(importer))
                    .put("subject", "svc.x").put("local_subject", "x").put("share", true);
        }));
        ExportClaim e = c.exports().get(0);
        assertThat(e.service()).isTrue();
        assertThat(e.responseType()).isEqualTo("Stream");
        assertThat(e.responseThresholdNanos()).isEqualTo(5_000_000_000L);
        assertThat(e.accountTokenPosition()).isEqualTo(2);
        assertThat(e.latencySampling()).isEqualTo(ExportClaim.SAMPLING_HEADERS);
        assertThat(e.latencyResults()).isEqualTo("lat");
        assertThat(e.allowTrace()).isTrue();
        ImportClaim i = c.imports().get(0);
        assertThat(i.remoteSubject()).isEqualTo("svc.x");
        assertThat(i.localSubjectOrDefault()).isEqualTo("x");
        assertThat(i.share()).isTrue();
    }
}

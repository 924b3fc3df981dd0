package io.jnatsd.auth.jwt;

import io.jnatsd.auth.NKeys;
import io.jnatsd.subject.Subjects;

/**
 * Twin of {@code ActivationClaims} in {@code github.com/nats-io/jwt/v2} and of the checks that
 * {@code Import.Validate} and {@code checkActivation}/{@code isIssuerClaimTrusted} in
 * {@code server/accounts.go} make of it: an activation token lets one account import a
 * {@code token_req} export of another. It is signed by the exporting account (or one of its
 * signing keys, then naming it in {@code issuer_account}), its subject is the importing account,
 * and its {@code nats.subject} and {@code nats.kind} cover the import. Immutable.
 *
 * @param jwt           the decoded token
 * @param importSubject {@code nats.subject}: what it allows to import
 * @param service       {@code nats.kind} is {@code service} (else {@code stream})
 * @param issuerAccount {@code nats.issuer_account}, or empty when the account itself signed it
 */
public record ActivationClaims(Jwt jwt, String importSubject, boolean service, String issuerAccount) {

    /**
     * Decodes and checks the signature of an activation token.
     *
     * @throws JwtException saying what is wrong
     */
    public static ActivationClaims decode(String text) {
        Jwt jwt = Jwt.decode(text, NKeys.PREFIX_ACCOUNT);
        if (!"activation".equals(jwt.type())) {
            throw new JwtException("not activation claim");
        }
        return new ActivationClaims(jwt, jwt.nats().path("subject").asText(""),
                "service".equals(jwt.nats().path("kind").asText()), jwt.nats().path("issuer_account").asText(""));
    }

    /**
     * Checks that {@code imp}'s token lets {@code importerKey} import {@code export} of
     * {@code exporter} at {@code nowSeconds}.
     *
     * @return the token's expiry in Unix seconds, 0 for never
     * @throws JwtException saying why not
     */
    public static long verify(ImportClaim imp, String importerKey, AccountClaims exporter, ExportClaim export,
                              long nowSeconds) {
        if (imp.token().isEmpty()) {
            throw new JwtException("import of \"" + imp.subject() + "\" requires an activation token");
        }
        ActivationClaims act = decode(imp.token());
        Jwt jwt = act.jwt();
        if (!jwt.issuer().equals(imp.account()) && !act.issuerAccount().equals(imp.account())) {
            throw new JwtException("activation token doesn't match account for import \"" + imp.subject() + "\"");
        }
        if (!jwt.subject().equals(importerKey)) {
            throw new JwtException("activation token doesn't match account it is being included in, \""
                    + imp.subject() + "\"");
        }
        if (act.service() != imp.service()) {
            throw new JwtException("mismatch between token import type and type of import");
        }
        if (jwt.expiredAt(nowSeconds) || jwt.notYetValidAt(nowSeconds)) {
            throw new JwtException("activation token is expired or not yet valid");
        }
        if (!Subjects.isValidSubject(act.importSubject())
                || !Subjects.subjectIsSubsetMatch(imp.remoteSubject(), act.importSubject())) {
            throw new JwtException("activation token import subject \"" + act.importSubject()
                    + "\" doesn't match import \"" + imp.subject() + "\"");
        }
        if (!act.issuerAccount().isEmpty()) {
            // isIssuerClaimTrusted: a signing key of the exporting account, which the token names.
            if (!act.issuerAccount().equals(exporter.subject()) || !exporter.signingKeys().containsKey(jwt.issuer())) {
                throw new JwtException("activation token issuer is not trusted by account " + exporter.subject());
            }
        }
        if (export.revoked(jwt.subject(), jwt.issuedAt())) {
            throw new JwtException("activation token revoked");
        }
        return jwt.expires();
    }
}

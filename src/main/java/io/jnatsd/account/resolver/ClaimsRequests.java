package io.jnatsd.account.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.DirResolver;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.ResolvedAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Twin of the request handlers that {@code DirAccResolver.Start} and
 * {@code CacheDirAccResolver.Start} (and, for the other resolvers, {@code accountClaimUpdate}
 * in {@code server/events.go}) subscribe in the system account: claims updates, lookups, the
 * list of stored accounts and deletes, with the reference's answers and error texts.
 *
 * <p>Thread-safe; each handler runs on the module's worker thread (file I/O, JWT checks).
 */
final class ClaimsRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsRequests.class);
    private static final int HTTP_OK = 200;
    private static final int HTTP_INTERNAL_ERROR = 500;

    /** How answers go out: a subject and its bytes (empty for the reference's empty replies). */
    @FunctionalInterface
    interface Replier {
        void reply(String subject, byte[] body);
    }

    /** Makes the {@code server} part of an answer, stamped with a sequence and the time. */
    @FunctionalInterface
    interface ServerStamp {
        ClaimsJson.ServerInfo next();
    }

    private final ResolvedAccounts accounts;
    /** The directory resolver, or null for MEMORY and URL (updates of resolved accounts only). */
    private final DirResolver dir;
    private final Set<String> operatorKeys;
    private final String systemAccount;
    private final Replier replier;
    private final ServerStamp stamp;

    ClaimsRequests(ResolvedAccounts accounts, DirResolver dir, Set<String> operatorKeys, String systemAccount,
                   Replier replier, ServerStamp stamp) {
        this.accounts = accounts;
        this.dir = dir;
        this.operatorKeys = Set.copyOf(operatorKeys);
        this.systemAccount = systemAccount;
        this.replier = replier;
        this.stamp = stamp;
    }

    /**
     * {@code $SYS.REQ.ACCOUNT.<key>.CLAIMS.UPDATE} (or the old {@code $SYS.ACCOUNT.<key>.CLAIMS.UPDATE}),
     * or with {@code pathKey} null {@code $SYS.REQ.CLAIMS.UPDATE}.
     */
    void onUpdate(String pathKey, String reply, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (dir == null) {
            onUpdateNotTracked(pathKey, reply, text);
            return;
        }
        String cache = dir.cache() ? " cache" : "";
        String unknownKey = pathKey == null ? "n/a" : pathKey;
        AccountClaims claim;
        try {
            claim = AccountClaims.decode(text);
        } catch (JwtException e) {
            respond(reply, dir.cache() ? unknownKey : "n/a", "jwt update" + cache + " resulted in error", e);
            return;
        }
        String key = pathKey == null ? claim.subject() : pathKey;
        if (!claim.subject().equals(key)) {
            respond(reply, key, "jwt update" + cache + " resulted in error",
                    new JwtException("subject does not match jwt content"));
            return;
        }
        if (dir.cache() && accounts.known(key) == null) {
            respond(reply, key, "jwt update cache skipped", null);
            return;
        }
        try {
            dir.save(key, text.trim());
        } catch (JwtException e) {
            respond(reply, key, "jwt update" + cache + " resulted in error", e);
            return;
        }
        respond(reply, key, dir.cache() ? "jwt updated cache" : "jwt updated", null);
    }

    /** Twin of {@code accountClaimUpdate}: MEMORY and URL resolvers update resolved accounts only. */
    private void onUpdateNotTracked(String pathKey, String reply, String text) {
        if (pathKey == null) {
            return;
        }
        if (text.isEmpty()) {
            respond(reply, pathKey, "jwt update error", new JwtException("request body is empty"));
            return;
        }
        try {
            AccountClaims claim = AccountClaims.decode(text);
            if (!claim.subject().equals(pathKey)) {
                throw new JwtException("subject does not match jwt content");
            }
            if (!accounts.update(pathKey, text)) {
                respond(reply, pathKey, "jwt update skipped", null);
                return;
            }
        } catch (JwtException e) {
            respond(reply, pathKey, "jwt update resulted in error", e);
            return;
        }
        respond(reply, pathKey, "jwt updated", null);
    }

    /** {@code $SYS.REQ.ACCOUNT.<key>.CLAIMS.LOOKUP}: the stored JWT, or an empty reply when there is none. */
    void onLookup(String key, String reply) {
        if (reply == null || reply.isEmpty()) {
            return;
        }
        String jwt;
        try {
            jwt = dir.lookupLocal(key);
        } catch (JwtException e) {
            LOG.error("DirResolver - Error looking up account \"{}\": {}", key, e.getMessage());
            return;
        }
        if (jwt == null) {
            LOG.debug("DirResolver - Could not find account \"{}\"", key);
            replier.reply(reply, new byte[0]);
        } else {
            replier.reply(reply, jwt.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code $SYS.REQ.CLAIMS.LIST}: every stored account key (the reference's {@code handleListRequest}). */
    void onList(String reply) {
        if (reply == null || reply.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        dir.packWalk(1, line -> {
            int bar = line.indexOf('|');
            if (bar > 0) {
                ids.add(line.substring(0, bar));
            }
        });
        LOG.debug("list request responded with {} account ids", ids.size());
        replier.reply(reply, ClaimsJson.bytes(new ClaimsJson.ListResponse(stamp.next(), ids)));
    }

    /** {@code $SYS.REQ.CLAIMS.DELETE} (the reference's {@code handleDeleteRequest}). */
    void onDelete(String reply, byte[] body) {
        String subject = "";
        List<String> ids = new ArrayList<>();
        try {
            Jwt generic = Jwt.decodeAnyIssuer(new String(body, StandardCharsets.UTF_8));
            subject = generic.subject();
            checkDelete(generic, ids);
        } catch (JwtException e) {
            respond(reply, "", "delete accounts request by " + subject + " failed", e);
            return;
        }
        List<String> errors = new ArrayList<>();
        int deleted = 0;
        for (String id : ids) {
            try {
                dir.delete(id);
                deleted++;
            } catch (JwtException e) {
                errors.add(e.getMessage());
            }
        }
        if (errors.isEmpty()) {
            respond(reply, "", "deleted " + deleted + " accounts", null);
        } else {
            respond(reply, "", "deleted " + deleted + " accounts, failed for " + errors.size(),
                    new JwtException(String.join("\n", errors)));
        }
    }

    private void checkDelete(Jwt generic, List<String> ids) {
        if (!dir.deletesAllowed()) {
            throw new JwtException("delete must be enabled in server config");
        }
        if (!generic.subject().equals(generic.issuer())) {
            throw new JwtException("not self signed");
        }
        if (!operatorKeys.contains(generic.issuer())) {
            throw new JwtException("not trusted");
        }
        JsonNode list = generic.nats().get("accounts");
        if (list == null || !list.isArray()) {
            throw new JwtException("malformed request");
        }
        for (JsonNode entry : list) {
            String acc = entry.isTextual() ? entry.asText() : "";
            if (acc.isEmpty() || !NKeys.isValidPublicKey(NKeys.PREFIX_ACCOUNT, acc)) {
                throw new JwtException("malformed request");
            }
            if (acc.equals(systemAccount)) {
                throw new JwtException("not allowed to delete system account");
            }
            ids.add(acc);
        }
    }

    /**
     * {@code $SYS.REQ.CLAIMS.PACK}: an empty reply when the asker's hash is ours, else our JWTs,
     * one per message, then an empty message.
     */
    void onPack(String reply, byte[] theirHash) {
        if (reply == null || reply.isEmpty()) {
            return;
        }
        if (!java.util.Arrays.equals(theirHash, dir.hash())) {
            dir.packWalk(1, line -> replier.reply(reply, line.getBytes(StandardCharsets.UTF_8)));
        }
        replier.reply(reply, new byte[0]);
    }

    /** A message of another server's answer to our PACK request: merge it. */
    void onPackResponse(byte[] body) {
        if (body.length == 0) {
            return;
        }
        try {
            dir.merge(new String(body, StandardCharsets.UTF_8));
        } catch (JwtException e) {
            LOG.error("DirResolver - Merging resulted in error: {}", e.getMessage());
        }
    }

    /** Twin of {@code respondToUpdate}: logs, then answers with data (code 200) or an error (code 500). */
    private void respond(String reply, String account, String message, JwtException error) {
        if (error == null) {
            LOG.debug("{}{}", message, account.isEmpty() ? "" : " - " + account);
        } else {
            LOG.error("{}{} - {}", message, account.isEmpty() ? "" : " - " + account, error.getMessage());
        }
        if (reply == null || reply.isEmpty()) {
            return;
        }
        ClaimsJson.UpdateResponse r = error == null
                ? new ClaimsJson.UpdateResponse(stamp.next(), new ClaimsJson.Status(account, HTTP_OK, message), null)
                : new ClaimsJson.UpdateResponse(stamp.next(), null,
                        new ClaimsJson.Error(account, HTTP_INTERNAL_ERROR, message + " - " + error.getMessage()));
        replier.reply(reply, ClaimsJson.bytes(r));
    }
}

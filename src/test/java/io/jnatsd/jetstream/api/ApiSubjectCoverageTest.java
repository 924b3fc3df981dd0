package io.jnatsd.jetstream.api;

import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every $JS.API subject of the reference (../shared/reference/js-api-subjects.txt) has a handler on the router.
 * {@code CONSUMER.*} subjects belong to the consumer room (jetstream/consumer), which registers them on the same
 * router through a {@code JetStreamExtension}; until that room is merged they may be missing, and only they.
 */
@Timeout(20)
class ApiSubjectCoverageTest {
    private static final Path SUBJECTS = Path.of("../shared/reference/js-api-subjects.txt");
    /** Prefix constants of the reference, not subjects anyone subscribes to. */
    private static final Set<String> PREFIX_CONSTANTS = Set.of("JSApiPrefix", "jsDirectGetPre", "jsRequestNextPre",
        "jsAPIAccountPre", "jsAllAPI", "jsDomainAPI");
    /** The consumer subjects the stream side answers itself (cluster-only). */
    private static final String CONSUMER_STEPDOWN = "$JS.API.CONSUMER.LEADER.STEPDOWN.";

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    @Test
    void shouldHaveAHandler_forEveryReferenceApiSubject() throws IOException {
        JsApiRouter router = jnatsd.server().module(JetStreamModule.class).orElseThrow().router();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(SUBJECTS, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (PREFIX_CONSTANTS.contains(cols[1])) {
                continue;
            }
            String concrete = cols[0].replace("%s", "X").replace("*", "X").replace(">", "X.Y");
            checked++;
            if (router.patternFor(concrete) != null) {
                continue;
            }
            boolean consumerRoom = concrete.startsWith("$JS.API.CONSUMER.") && !concrete.startsWith(CONSUMER_STEPDOWN);
            if (consumerRoom && !consumerRoomPresent(router)) {
                continue;
            }
            missing.add(cols[0] + " (" + cols[1] + ")");
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(missing).as("reference $JS.API subjects without a handler").isEmpty();
    }

    private static boolean consumerRoomPresent(JsApiRouter router) {
        return router.patterns().stream().anyMatch(p -> p.startsWith("$JS.API.CONSUMER.")
            && !p.startsWith(CONSUMER_STEPDOWN));
    }
}

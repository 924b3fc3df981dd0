package io.jnatsd.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientPermissionsTest {

    private static Permissions.SubjectPermission allowDeny(List<String> allow, List<String> deny) {
        return new Permissions.SubjectPermission(allow, deny);
    }

    @Test
    void shouldAllowQueueOnlyWhereTheQueueIsNamed_whenSubscribeAllowHasQueueEntries() {
        ClientPermissions p = ClientPermissions.of(new Permissions(null,
                allowDeny(List.of("foo", "bar v1"), List.of("foo.deny", "baz q2")), null));
        assertThat(p.canSubscribe("foo", null)).isTrue();
        assertThat(p.canSubscribe("foo", "any")).isTrue();
        assertThat(p.canSubscribe("bar", null)).isFalse();
        assertThat(p.canSubscribe("bar", "v1")).isTrue();
        assertThat(p.canSubscribe("bar", "v2")).isFalse();
        assertThat(p.canSubscribe("nothing", null)).isFalse();
    }

    @Test
    void shouldFilterDeliveries_whenAWildcardSubscriptionOverlapsADeny() {
        ClientPermissions p = ClientPermissions.of(new Permissions(null, allowDeny(null, List.of("a.secret")), null));
        assertThat(p.canSubscribe("a.*", null)).isTrue();
        assertThat(p.needsDeliveryFilter("a.*")).isTrue();
        assertThat(p.needsDeliveryFilter("b.*")).isFalse();
        assertThat(p.deliveryDenied("a.secret")).isTrue();
        assertThat(p.deliveryDenied("a.open")).isFalse();
    }

    @Test
    void shouldCacheStaticDecisionsButNotReplyGrants_whenPublishing() {
        ClientPermissions p = ClientPermissions.of(new Permissions(allowDeny(List.of(), List.of()), null,
                new Permissions.ResponsePermission(2, Duration.ofMinutes(1))));
        PublishPermissionCache cache = new PublishPermissionCache(p);
        assertThat(allowed(cache, "_INBOX.1")).isFalse();
        p.grantReply("_INBOX.1");
        assertThat(allowed(cache, "_INBOX.1")).isTrue();
        assertThat(allowed(cache, "_INBOX.1")).isTrue();
        assertThat(allowed(cache, "_INBOX.1")).isFalse();
    }

    @Test
    void shouldKeepDecidingRightly_whenMoreSubjectsThanTheCacheHolds() {
        ClientPermissions p = ClientPermissions.of(new Permissions(allowDeny(List.of("ok.*"), List.of()), null, null));
        PublishPermissionCache cache = new PublishPermissionCache(p);
        for (int i = 0; i < PublishPermissionCache.MAX_ENTRIES * 3; i++) {
            assertThat(allowed(cache, "ok." + i)).isTrue();
            assertThat(allowed(cache, "no." + i)).isFalse();
        }
    }

    private static boolean allowed(PublishPermissionCache cache, String subject) {
        ByteBuf b = Unpooled.copiedBuffer("xx" + subject, StandardCharsets.ISO_8859_1);
        try {
            return cache.allowed(b, 2, subject.length());
        } finally {
            b.release();
        }
    }
}

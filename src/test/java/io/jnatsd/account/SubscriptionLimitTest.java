package io.jnatsd.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UNSUB with a max: the limit reached is noticed exactly once, by the delivery or by the UNSUB. */
@Timeout(30)
class SubscriptionLimitTest {

    private static final class CountingOwner implements Subscriber {
        final AtomicInteger autoUnsubscribed = new AtomicInteger();

        @Override
        public long connectionId() {
            return 1;
        }

        @Override
        public void onAutoUnsubscribed(Subscription subscription) {
            autoUnsubscribed.incrementAndGet();
        }
    }

    @Test
    void shouldAnswerReached_whenDeliveriesBeforeTheUnsubAlreadyMeetTheLimit() {
        CountingOwner owner = new CountingOwner();
        Subscription sub = new Subscription(owner, "s", null, "1");
        for (int i = 0; i < 5; i++) {
            assertThat(sub.claimDelivery()).isTrue();
        }

        assertThat(sub.limitTo(5)).isTrue();
        assertThat(sub.claimDelivery()).isFalse();
        assertThat(owner.autoUnsubscribed).hasValue(0);
    }

    @Test
    void shouldTellTheOwnerOnce_whenTheLimitIsReachedByADelivery() {
        CountingOwner owner = new CountingOwner();
        Subscription sub = new Subscription(owner, "s", null, "1");
        assertThat(sub.claimDelivery()).isTrue();

        assertThat(sub.limitTo(3)).isFalse();
        assertThat(sub.claimDelivery()).isTrue();
        assertThat(sub.claimDelivery()).isTrue();
        assertThat(sub.claimDelivery()).isFalse();

        assertThat(owner.autoUnsubscribed).hasValue(1);
        assertThat(sub.delivered()).isEqualTo(4);
    }

    @Test
    void shouldNoticeTheLimitOnOneSide_whenDeliveriesRaceTheUnsub() throws Exception {
        for (int round = 0; round < 200; round++) {
            CountingOwner owner = new CountingOwner();
            Subscription sub = new Subscription(owner, "s", null, "1");
            CountDownLatch go = new CountDownLatch(1);
            Thread publisher = Thread.ofPlatform().start(() -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    sub.claimDelivery();
                }
            });
            go.countDown();
            boolean reachedAlready = sub.limitTo(20);
            publisher.join(10_000);

            assertThat(sub.delivered()).isEqualTo(50);
            assertThat(owner.autoUnsubscribed.get() + (reachedAlready ? 1 : 0)).as("round %d", round)
                .isGreaterThanOrEqualTo(1);
        }
    }
}

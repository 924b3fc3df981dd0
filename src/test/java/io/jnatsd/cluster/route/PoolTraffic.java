package io.jnatsd.cluster.route;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traffic of one account across cluster nodes for the pooling tests: a plain and a queue subscriber on every
 * node and a publisher on every node; each plain subscriber gets every message once, and the queue group each
 * message once in the whole cluster. Stateless.
 */
final class PoolTraffic {

    static final Duration WAIT = Duration.ofSeconds(5);
    private static final int MESSAGES = 5;

    /** Called once every subscriber is in place; returns when the interest has reached every node. */
    interface InterestCheck {
        void await(String plainSubject, String queueSubject) throws Exception;
    }

    private PoolTraffic() {
    }

    static void deliverOnceEverywhere(List<String> urls, String account, InterestCheck interest) throws Exception {
        String plain = "pool." + account + ".plain";
        String queued = "pool." + account + ".queue";
        String user = account.toLowerCase(Locale.ROOT);
        List<Connection> conns = new ArrayList<>();
        try {
            List<Subscription> plainSubs = new ArrayList<>();
            List<Subscription> queueSubs = new ArrayList<>();
            for (String url : urls) {
                Connection c = Nats.connect(io.nats.client.Options.builder().server(url).userInfo(user, user)
                        .noReconnect().connectionTimeout(WAIT).build());
                conns.add(c);
                plainSubs.add(c.subscribe(plain));
                queueSubs.add(c.subscribe(queued, "workers"));
                c.flush(WAIT);
            }
            interest.await(plain, queued);
            for (int p = 0; p < conns.size(); p++) {
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] body = (account + "-" + p + "-" + i).getBytes(StandardCharsets.UTF_8);
                    conns.get(p).publish(plain, body);
                    conns.get(p).publish(queued, body);
                }
                conns.get(p).flush(WAIT);
            }
            int total = MESSAGES * urls.size();
            for (Subscription sub : plainSubs) {
                assertThat(drain(sub, total)).as(account).hasSize(total).doesNotHaveDuplicates();
            }
            assertThat(drainGroup(queueSubs, total)).as(account).hasSize(total).doesNotHaveDuplicates();
        } finally {
            for (Connection c : conns) {
                c.close();
            }
        }
    }

    /** The messages the members of a queue group got, once {@code total} came (and a short wait for extras). */
    private static List<String> drainGroup(List<Subscription> members, int total) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (out.size() < total && System.nanoTime() - deadline < 0) {
            for (Subscription sub : members) {
                var m = sub.nextMessage(Duration.ofMillis(10));
                if (m != null) {
                    out.add(new String(m.getData(), StandardCharsets.UTF_8));
                }
            }
        }
        for (Subscription sub : members) {
            var m = sub.nextMessage(Duration.ofMillis(100));
            if (m != null) {
                out.add(new String(m.getData(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Messages of {@code sub} until none comes for a short while (at most {@code max} + 1 are read). */
    private static List<String> drain(Subscription sub, int max) throws InterruptedException {
        List<String> out = new ArrayList<>();
        while (out.size() <= max) {
            var m = sub.nextMessage(out.size() < max ? WAIT : Duration.ofMillis(150));
            if (m == null) {
                break;
            }
            out.add(new String(m.getData(), StandardCharsets.UTF_8));
        }
        return out;
    }
}

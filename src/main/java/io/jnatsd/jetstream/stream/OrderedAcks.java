package io.jnatsd.jetstream.stream;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The replies of a stream's drains, released in the order the drains ran. A drain whose messages still wait for the
 * disk holds back every later drain's replies, even those of a drain that stored nothing (an error, a duplicate, a
 * fast batch's gap report), because the reference answers a publisher in the order it published and clients such as
 * the fast-batch publisher read the first flow ack before a gap.
 *
 * <p>Threading: {@link #reserve} from the stream's serial executor only; {@link Slot#fill} from any thread;
 * {@link #drainReady} is serialised by its caller.
 *
 * @param <A> one reply
 */
final class OrderedAcks<A> {

    /** One drain's place in line; empty until its replies may be sent. */
    static final class Slot<A> {
        private volatile List<A> acks;

        /** @param ready the replies, now free to go once every earlier slot has gone */
        void fill(List<A> ready) {
            acks = ready;
        }
    }

    private final ConcurrentLinkedQueue<Slot<A>> slots = new ConcurrentLinkedQueue<>();

    /** @return a new slot behind every slot reserved so far */
    Slot<A> reserve() {
        Slot<A> s = new Slot<>();
        slots.offer(s);
        return s;
    }

    /** @return true if the oldest slot is filled, so {@link #drainReady} would send something */
    boolean hasReady() {
        Slot<A> s = slots.peek();
        return s != null && s.acks != null;
    }

    /** Hands the replies of every filled slot to {@code send}, oldest first, up to the first slot still empty. */
    void drainReady(Consumer<A> send) {
        for (Slot<A> s = slots.peek(); s != null && s.acks != null; s = slots.peek()) {
            slots.poll();
            s.acks.forEach(send);
        }
    }
}

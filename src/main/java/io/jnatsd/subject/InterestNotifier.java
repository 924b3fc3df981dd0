package io.jnatsd.subject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registrations behind {@link Sublist#registerInterestListener}: per (literal subject, queue), the listeners
 * and whether exact interest was last reported present. The reference keeps two maps and moves channels between
 * them; one flag per key says the same.
 *
 * <p>Not thread-safe: the owning {@link Sublist} holds its write lock for every call.
 */
final class InterestNotifier {

    private record Key(String subject, String queue) {
    }

    private static final class Registration {
        final List<InterestListener> listeners = new ArrayList<>(2);
        boolean interested;
    }

    private final Map<Key, Registration> registrations = new HashMap<>();

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    /**
     * Adds {@code listener} for the key and tells it the current state; false (and no call) if it is already
     * registered for that key.
     */
    boolean register(String subject, String queue, InterestListener listener, boolean interestedNow) {
        Registration registration = registrations.computeIfAbsent(new Key(subject, queue), k -> new Registration());
        for (InterestListener existing : registration.listeners) {
            if (existing == listener) {
                return false;
            }
        }
        registration.interested = interestedNow;
        registration.listeners.add(listener);
        listener.onInterestChanged(interestedNow);
        return true;
    }

    /** Removes {@code listener} from the key; false if it was not registered there. */
    boolean clear(String subject, String queue, InterestListener listener) {
        Key key = new Key(subject, queue);
        Registration registration = registrations.get(key);
        if (registration == null || !registration.listeners.removeIf(existing -> existing == listener)) {
            return false;
        }
        if (registration.listeners.isEmpty()) {
            registrations.remove(key);
        }
        return true;
    }

    /** After an insert on exactly this subject and queue: reports interest if it was absent. */
    void inserted(String subject, String queue) {
        Registration registration = registrations.get(new Key(subject, queue));
        if (registration != null && !registration.interested) {
            registration.interested = true;
            notifyAll(registration, true);
        }
    }

    /** Whether a remove on this subject and queue must be followed by an exact-interest check. */
    boolean watchesInterest(String subject, String queue) {
        Registration registration = registrations.get(new Key(subject, queue));
        return registration != null && registration.interested;
    }

    /** After a remove that left no exact interest on this subject and queue: reports it gone. */
    void interestGone(String subject, String queue) {
        Registration registration = registrations.get(new Key(subject, queue));
        if (registration != null && registration.interested) {
            registration.interested = false;
            notifyAll(registration, false);
        }
    }

    private static void notifyAll(Registration registration, boolean interested) {
        for (InterestListener listener : registration.listeners) {
            listener.onInterestChanged(interested);
        }
    }
}

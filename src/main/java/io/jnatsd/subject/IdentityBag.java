package io.jnatsd.subject;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.function.Consumer;

/**
 * A set of values compared by identity, kept in an array so that a match can copy a node's subscriptions
 * with one {@code System.arraycopy}. Add, remove and contains are O(1): small bags scan, larger bags keep an
 * identity index. Removal moves the last value into the hole, so order is insertion order only until the first
 * removal (the reference keeps no order at all).
 *
 * <p>Not thread-safe: the owning {@link Sublist} holds its write lock to change a bag and its read lock to
 * read one.
 */
final class IdentityBag {

    /** Above this size the bag keeps an identity index instead of scanning. */
    static final int INDEX_THRESHOLD = 16;
    private static final int INITIAL_CAPACITY = 4;

    private Object[] items = new Object[INITIAL_CAPACITY];
    private int size;
    private IdentityHashMap<Object, Integer> index;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(Object value) {
        return indexOf(value) >= 0;
    }

    /** Adds {@code value}; false if it was already there. */
    boolean add(Object value) {
        if (indexOf(value) >= 0) {
            return false;
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size] = value;
        if (index != null) {
            index.put(value, size);
        } else if (size + 1 > INDEX_THRESHOLD) {
            buildIndex(size + 1);
        }
        size++;
        return true;
    }

    /** Removes {@code value}; false if it was not there. */
    boolean remove(Object value) {
        int at = indexOf(value);
        if (at < 0) {
            return false;
        }
        int last = size - 1;
        Object moved = items[last];
        items[at] = moved;
        items[last] = null;
        size = last;
        if (index != null) {
            index.remove(value);
            if (at != last) {
                index.put(moved, at);
            }
            if (size <= INDEX_THRESHOLD / 2) {
                index = null;
            }
        }
        return true;
    }

    /** The value at {@code i}, {@code 0 <= i < size()}. */
    Object get(int i) {
        return items[i];
    }

    /** Copies all values into {@code target} from {@code offset}; returns the offset after the last one. */
    int copyTo(Object[] target, int offset) {
        System.arraycopy(items, 0, target, offset, size);
        return offset + size;
    }

    /** Calls {@code action} for each value. */
    @SuppressWarnings("unchecked")
    <T> void forEach(Consumer<? super T> action) {
        for (int i = 0; i < size; i++) {
            action.accept((T) items[i]);
        }
    }

    private int indexOf(Object value) {
        if (index != null) {
            Integer at = index.get(value);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < size; i++) {
            if (items[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private void buildIndex(int count) {
        index = new IdentityHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            index.put(items[i], i);
        }
    }
}

package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Twin of {@code PriorityPolicy} in {@code server/consumer.go}: how pull requests of priority groups are served. Immutable. */
public enum PriorityPolicy {
    NONE("none"),
    OVERFLOW("overflow"),
    PINNED_CLIENT("pinned_client"),
    PRIORITIZED("prioritized");

    private final String json;

    PriorityPolicy(String json) {
        this.json = json;
    }

    /** @return the name the reference writes in JSON */
    @JsonValue
    public String json() {
        return json;
    }

    /**
     * @param json the JSON name
     * @return the value
     * @throws IllegalArgumentException for an unknown name
     */
    @JsonCreator
    public static PriorityPolicy fromJson(String json) {
        for (PriorityPolicy v : values()) {
            if (v.json.equals(json)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown PriorityPolicy: " + json);
    }

    /** Jackson filter that leaves {@code priority_policy} out when it is none, as Go's omitempty does. */
    public static final class NoneFilter {
        @Override
        public boolean equals(Object o) {
            return o == null || o == NONE;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}

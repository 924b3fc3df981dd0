package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Twin of {@code DeliverPolicy} in {@code server/consumer.go}: where a consumer starts. Immutable. */
public enum DeliverPolicy {
    ALL("all"),
    LAST("last"),
    NEW("new"),
    BY_START_SEQUENCE("by_start_sequence"),
    BY_START_TIME("by_start_time"),
    LAST_PER_SUBJECT("last_per_subject");

    private final String json;

    DeliverPolicy(String json) {
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
    public static DeliverPolicy fromJson(String json) {
        for (DeliverPolicy v : values()) {
            if (v.json.equals(json)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown DeliverPolicy: " + json);
    }
}

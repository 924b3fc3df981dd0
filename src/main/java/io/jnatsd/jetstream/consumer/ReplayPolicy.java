package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Twin of {@code ReplayPolicy} in {@code server/consumer.go}: how fast stored messages are replayed. Immutable. */
public enum ReplayPolicy {
    INSTANT("instant"),
    ORIGINAL("original");

    private final String json;

    ReplayPolicy(String json) {
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
    public static ReplayPolicy fromJson(String json) {
        for (ReplayPolicy v : values()) {
            if (v.json.equals(json)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown ReplayPolicy: " + json);
    }
}

package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Twin of {@code AckPolicy} in {@code server/consumer.go}: how delivered messages are acknowledged. Immutable. */
public enum AckPolicy {
    NONE("none"),
    ALL("all"),
    EXPLICIT("explicit"),
    FLOW_CONTROL("flow_control");

    private final String json;

    AckPolicy(String json) {
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
    public static AckPolicy fromJson(String json) {
        for (AckPolicy v : values()) {
            if (v.json.equals(json)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown AckPolicy: " + json);
    }
}

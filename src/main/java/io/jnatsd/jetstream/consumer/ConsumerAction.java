package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Twin of {@code ConsumerAction} in {@code server/consumer.go}: what a create request may do. Immutable. */
public enum ConsumerAction {
    /** Create, or update when it exists ({@code ""} on the wire). */
    CREATE_OR_UPDATE(""),
    /** Update only; fails if the consumer does not exist. */
    UPDATE("update"),
    /** Create only; fails if a consumer with another config exists. */
    CREATE("create");

    private final String json;

    ConsumerAction(String json) {
        this.json = json;
    }

    /** @return the JSON string */
    @JsonValue
    public String json() {
        return json;
    }

    /**
     * @param json the JSON string
     * @return the action
     * @throws IllegalArgumentException for an unknown action
     */
    @JsonCreator
    public static ConsumerAction fromJson(String json) {
        for (ConsumerAction a : values()) {
            if (a.json.equals(json)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown consumer action: \"" + json + "\"");
    }
}

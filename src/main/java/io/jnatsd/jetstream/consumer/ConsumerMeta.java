package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * Twin of {@code FileConsumerInfo} in {@code server/filestore.go}: what {@code meta.inf} holds.
 *
 * @param created when the consumer was created
 * @param name    the consumer name
 * @param config  its config
 */
public record ConsumerMeta(@JsonProperty("created") Instant created, @JsonProperty("name") String name,
                           @JsonProperty("config") ConsumerConfig config) {
}

/**
 * The $JS.API: {@link io.jnatsd.jetstream.api.JsApiRouter} (internal subscription per account on
 * {@code $JS.API.>}, worker threads, registration of handlers by subject pattern, the reference's JSON answers)
 * and the handlers of the stream side. Twin of {@code server/jetstream_api.go}.
 *
 * <p>Another room adds its subjects with
 * {@code router.register("$JS.API.CONSUMER.INFO.*.*", "io.nats.jetstream.api.v1.consumer_info_response", handler)};
 * a handler returns a body (record or Jackson node) to which the router adds {@code type}, or throws
 * {@link io.jnatsd.jetstream.errors.ApiException} for the reference's {@code error} object.
 */
package io.jnatsd.jetstream.api;

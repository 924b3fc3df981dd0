/**
 * The JetStream API error model shared by streams, consumers and the API router: {@link
 * io.jnatsd.jetstream.errors.ApiError} (every error of the reference) and {@link
 * io.jnatsd.jetstream.errors.ApiException}. Depends on nothing else in jnatsd.
 */
package io.jnatsd.jetstream.errors;

/**
 * JetStream streams at run time: {@link io.jnatsd.jetstream.stream.JetStreamEngine} (JetStream of the server),
 * {@link io.jnatsd.jetstream.stream.AccountStreams} (the streams of one account, by name),
 * {@link io.jnatsd.jetstream.stream.Stream} (one stream: config, store, ingest, hooks),
 * {@link io.jnatsd.jetstream.stream.StreamConfig} (the reference's StreamConfig JSON) and the publish path
 * ({@code StreamIngest}, {@code JsHeaders}, {@code DedupeWindow}, {@link io.jnatsd.jetstream.stream.PubAcks}).
 * Twin of {@code server/stream.go}.
 *
 * <h2>Contract for consumers</h2>
 * <ul>
 *   <li>Find a stream: {@code engine.account(accountName)} then {@code accountStreams.lookup(name)} or
 *       {@code get(name)} (throws STREAM_NOT_FOUND as an {@link io.jnatsd.jetstream.errors.ApiException}).
 *       {@code JetStreamModule.engine()} gives the engine; {@code engine.addAccountListener} tells of each
 *       account JetStream is enabled for (after its streams were recovered from disk).</li>
 *   <li>Read messages: {@link io.jnatsd.jetstream.stream.Stream#store()} is the
 *       {@link io.jnatsd.jetstream.store.StreamStore} (thread-safe; {@code loadNextMsg}, {@code numPending},
 *       {@code state}, ...). Never write to it directly: publish through {@code Stream.publish}.</li>
 *   <li>Wake on new messages: {@link io.jnatsd.jetstream.stream.Stream#addAppendListener} —
 *       {@code onAppended(stream, seq, subject)} on the stream's ingest thread after the store accepted it, in
 *       sequence order; must not block.</li>
 *   <li>Follow purges, single deletes, config updates and the stream's deletion:
 *       {@link io.jnatsd.jetstream.stream.Stream#addLifecycleListener}. On {@code onDeleted} the store closes
 *       right after the call: consumers stop and drop their state.</li>
 *   <li>Retention: a consumer registers itself with
 *       {@link io.jnatsd.jetstream.stream.Stream#registerConsumer} as a
 *       {@link io.jnatsd.jetstream.stream.ConsumerInterest} (this also counts it in {@code consumer_count}),
 *       calls {@link io.jnatsd.jetstream.stream.Stream#onConsumerAck} for every acked sequence (work queue:
 *       the message goes; interest: it goes once no registered consumer {@code needsAck}), and
 *       {@code unregisterConsumer} when it is deleted. {@link io.jnatsd.jetstream.stream.Stream#hasInterest}
 *       tells whether any consumer's filter matches a subject.</li>
 *   <li>Replies and deliveries from the consumer go through the account's JetStream internal client,
 *       {@link io.jnatsd.jetstream.stream.AccountStreams#client()}.</li>
 * </ul>
 * Threading: every public method here is thread-safe unless it says otherwise.
 */
package io.jnatsd.jetstream.stream;

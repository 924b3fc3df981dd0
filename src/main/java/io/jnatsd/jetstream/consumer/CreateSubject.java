package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.api.ApiRequest;
import io.jnatsd.jetstream.errors.ApiError;

/**
 * Twin of the subject handling of {@code jsConsumerCreateRequest} in {@code server/jetstream_api.go}: which of the
 * three create subjects was used, and the stream name, consumer name and filter it carries, reconciled with the
 * request body under the reference's rules.
 *
 * @param stream the stream name
 * @param config the config with the names from the subject applied
 */
record CreateSubject(String stream, ConsumerConfig config) {

    /**
     * @param req        the request ({@code $JS.API.CONSUMER.CREATE.<s>[.<c>[.<filter>]]} or
     *                   {@code $JS.API.CONSUMER.DURABLE.CREATE.<s>.<c>})
     * @param cfg        the config from the body
     * @param bodyStream {@code stream_name} from the body
     * @return the reconciled stream and config
     * @throws io.jnatsd.jetstream.errors.ApiException with the reference's error
     */
    static CreateSubject reconcile(ApiRequest req, ConsumerConfig cfg, String bodyStream) {
        int n = req.numTokens();
        String streamName;
        String consumerName;
        String filter = null;
        boolean legacyDurable = "DURABLE".equals(req.token(3));
        boolean legacyEphemeral = n == 5;
        if (legacyEphemeral) {
            streamName = req.token(4);
            consumerName = cfg.name();
        } else if (legacyDurable) {
            if (n != 7) {
                throw ApiError.CONSUMER_DURABLE_NAME_NOT_IN_SUBJECT.toException();
            }
            streamName = req.token(5);
            consumerName = req.token(6);
        } else {
            streamName = req.token(4);
            consumerName = req.token(5);
            if (n > 6) {
                filter = req.subject().substring(("$JS.API.CONSUMER.CREATE." + streamName + "." + consumerName + ".")
                    .length());
            }
        }
        if (!streamName.equals(bodyStream)) {
            throw ApiError.STREAM_MISMATCH.toException();
        }
        if (consumerName != null && (consumerName.contains("/") || consumerName.contains("\\"))) {
            throw ApiError.CONSUMER_NAME_CONTAINS_PATH_SEPARATORS.toException();
        }
        ConsumerConfig.Builder b = cfg.toBuilder();
        if (legacyDurable) {
            if (!cfg.isDurable()) {
                throw ApiError.CONSUMER_DURABLE_NAME_NOT_SET.toException();
            }
            if (!consumerName.equals(cfg.durable())) {
                throw ApiError.CONSUMER_DURABLE_NAME_NOT_MATCH_SUBJECT.toException();
            }
            b.name = consumerName;
        } else if (!legacyEphemeral) {
            if (cfg.isDurable() && !consumerName.equals(cfg.durable())) {
                throw ApiError.CONSUMER_DURABLE_NAME_NOT_MATCH_SUBJECT.toException();
            }
            b.name = consumerName;
        } else if (cfg.isDurable()) {
            throw ApiError.CONSUMER_EPHEMERAL_WITH_DURABLE_NAME.toException();
        }
        if (filter != null && cfg.filterSubjects() != null && !cfg.filterSubjects().isEmpty()) {
            throw ApiError.CONSUMER_MULTIPLE_FILTERS_NOT_ALLOWED.toException();
        }
        if (filter != null && !filter.equals(cfg.filterSubject())) {
            throw ApiError.CONSUMER_CREATE_FILTER_SUBJECT_MISMATCH.toException();
        }
        return new CreateSubject(streamName, b.build());
    }
}

package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.subject.Subjects;

import java.io.IOException;

/**
 * One $JS.API request as a handler sees it: the account it came from, the subject in its canonical
 * {@code $JS.API.} form (a domain prefix already removed), the reply subject and the body.
 *
 * <p>Threading: immutable; handlers run on an API worker thread.
 *
 * @param account the account's JetStream
 * @param subject the canonical subject
 * @param reply   the reply subject, or null
 * @param headers the header block, or null
 * @param payload the body, never null
 */
public record ApiRequest(AccountStreams account, String subject, String reply, byte[] headers, byte[] payload) {

    /** Normalises a null body. */
    public ApiRequest {
        payload = payload == null ? new byte[0] : payload;
    }

    /**
     * @param index token index, 0-based ({@code $JS}=0, {@code API}=1, ...)
     * @return the token, or null past the end
     */
    public String token(int index) {
        return Subjects.tokenAt(subject, index + 1);
    }

    /** @return the number of tokens of the subject */
    public int numTokens() {
        return Subjects.numTokens(subject);
    }

    /** @return true when the body is empty or blank */
    public boolean isEmptyBody() {
        for (byte b : payload) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** @return twin of {@code isEmptyRequest}: an empty body or an empty JSON object */
    public boolean isEmptyRequest() {
        if (isEmptyBody()) {
            return true;
        }
        try {
            JsonNode n = JsJson.MAPPER.readTree(payload);
            return n != null && n.isObject() && n.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Parses the body into a request record.
     *
     * @param type the record type
     * @param <T>  the type
     * @return the parsed body, or null when the body is empty
     * @throws io.jnatsd.jetstream.errors.ApiException INVALID_JSON
     */
    public <T> T body(Class<T> type) {
        if (isEmptyBody()) {
            return null;
        }
        try {
            return JsJson.read(payload, type);
        } catch (JsonProcessingException e) {
            throw ApiError.INVALID_JSON.toException(e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.INVALID_JSON.toException(e.getMessage());
        }
    }
}

package io.jnatsd.jetstream.api;

/**
 * Handles one kind of $JS.API request. Registered with {@link JsApiRouter#register}.
 *
 * <p>Called on an API worker thread (never a network event loop), so it may read stores and wait briefly.
 */
@FunctionalInterface
public interface ApiHandler {
    /**
     * @param request the request
     * @return the response body (a record, a Jackson node or a map) to which the router adds {@code type}; or
     *         {@link JsApiRouter#NO_REPLY} when the handler answered by itself (direct get)
     * @throws io.jnatsd.jetstream.errors.ApiException for an API error: the router answers
     *         {@code {"type":...,"error":{...}}}
     */
    Object handle(ApiRequest request);
}

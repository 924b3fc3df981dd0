package io.jnatsd.auth.jwt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Twin of {@code URLAccResolver} in {@code server/accounts.go}: {@code GET <base>/<account key>}
 * answers the account's JWT (nsc's account server, or any static HTTP server). Read-only.
 * Thread-safe; a fetch blocks its caller at most the timeout.
 */
public final class UrlResolver implements AccountResolver {

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param baseUrl the URL the account key is appended to (a {@code /} is added when missing)
     * @param timeout how long one fetch may take
     */
    public UrlResolver(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The base URL fetches start with, ending in {@code /}. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String fetch(String accountKey) {
        String url = baseUrl + accountKey;
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new JwtException("could not fetch <\"" + redacted(url) + "\">: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwtException("could not fetch <\"" + redacted(url) + "\">: interrupted");
        }
        if (response.statusCode() != 200) {
            throw new JwtException("could not fetch <\"" + redacted(url) + "\">: " + response.statusCode());
        }
        return response.body();
    }

    @Override
    public void store(String accountKey, String jwt) {
        throw new JwtException("store operation not supported for URL Resolver");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public void close() {
        client.close();
    }

    /** The reference's {@code redactURLString}: a password in the URL is shown as {@code xxxxx}. */
    static String redacted(String url) {
        try {
            URI u = URI.create(url);
            String info = u.getRawUserInfo();
            if (info == null || !info.contains(":")) {
                return url;
            }
            return url.replace(info, info.substring(0, info.indexOf(':')) + ":xxxxx");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}

package io.jnatsd.tls.ocsp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Asks OCSP responders for a certificate's status (twin of {@code getRemoteStatus} in
 * {@code server/ocsp.go} and {@code FetchOCSPResponse} in {@code server/certidp/ocsp_responder.go}):
 * each URL in turn, POST first, then GET with the base64 request in the path. Blocking.
 * Thread-safe (one shared JDK {@link HttpClient}).
 */
public final class OcspFetcher {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private OcspFetcher() {
    }

    /** The DER OCSPRequest for {@code leaf} issued by {@code issuer} (RFC 6960, one CertID, SHA-1, no nonce). */
    public static byte[] request(X509Certificate leaf, X509Certificate issuer) {
        byte[] req = Der.sequence(OcspCerts.certId(issuer, leaf.getSerialNumber()));
        return Der.sequence(Der.sequence(Der.sequence(req)));
    }

    /**
     * Fetches the raw response from the first responder that answers.
     *
     * @throws IOException {@code exhausted ocsp servers: ...} when none did, or
     *                     {@code no available ocsp servers} when there is none
     */
    public static byte[] fetch(List<String> urls, byte[] request, Duration timeout) throws IOException {
        if (urls.isEmpty()) {
            throw new IOException("no available ocsp servers");
        }
        IOException last = null;
        for (String u : urls) {
            String url = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
            try {
                return post(url, request, timeout);
            } catch (IOException postErr) {
                try {
                    return get(url, request, timeout);
                } catch (IOException getErr) {
                    last = new IOException(postErr.getMessage() + "\n" + getErr.getMessage());
                }
            }
        }
        throw new IOException("exhausted ocsp servers: " + last.getMessage(), last);
    }

    private static byte[] post(String url, byte[] body, Duration timeout) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri(url)).timeout(timeout)
                .header("Content-Type", "application/ocsp-request")
                .header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> resp = send(req);
        if (resp.statusCode() > 299) {
            throw new IOException("non-ok http status on POST request (reqlen=" + body.length + "): "
                    + resp.statusCode());
        }
        return resp.body();
    }

    private static byte[] get(String url, byte[] body, Duration timeout) throws IOException {
        String enc = Base64.getEncoder().encodeToString(body);
        HttpRequest req = HttpRequest.newBuilder(uri(url + "/" + enc.replace("/", "%2F").replace("+", "%2B")
                .replace("=", "%3D"))).timeout(timeout).GET().build();
        HttpResponse<byte[]> resp = send(req);
        if (resp.statusCode() > 299) {
            throw new IOException("non-ok http status on GET request (reqlen=" + enc.length() + "): "
                    + resp.statusCode());
        }
        return resp.body();
    }

    private static URI uri(String url) throws IOException {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static HttpResponse<byte[]> send(HttpRequest req) throws IOException {
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

package io.jnatsd.monitor;

/**
 * The monitoring paths of {@code server/server.go} and the {@code http_base_path} prefix,
 * normalised as the reference's {@code normalizeBasePath} and joined as its
 * {@code basePath} ({@code path.Join}). Immutable.
 */
final class MonitorPaths {

    static final String ROOT = "/";
    static final String VARZ = "/varz";
    static final String CONNZ = "/connz";
    static final String ROUTEZ = "/routez";
    static final String GATEWAYZ = "/gatewayz";
    static final String LEAFZ = "/leafz";
    static final String SUBSZ = "/subsz";
    static final String SUBSCRIPTIONSZ = "/subscriptionsz";
    static final String STACKSZ = "/stacksz";
    static final String ACCOUNTZ = "/accountz";
    static final String ACCSTATZ = "/accstatz";
    static final String JSZ = "/jsz";
    static final String HEALTHZ = "/healthz";
    static final String RAFTZ = "/raftz";
    static final String METRICS = "/metrics";
    static final String IPQUEUESZ = "/ipqueuesz";
    static final String EXPVARZ = "/debug/vars";

    private final String base;

    MonitorPaths(String httpBasePath) {
        this.base = normalize(httpBasePath);
    }

    /** "/" for empty, a leading slash added, then cleaned ("//a/./b/" becomes "/a/b"). */
    static String normalize(String p) {
        if (p == null || p.isEmpty()) {
            return "/";
        }
        String withSlash = p.charAt(0) == '/' ? p : "/" + p;
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String seg : withSlash.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(seg);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The full path of {@code endpoint} under the base path. */
    String resolve(String endpoint) {
        return normalize(base + "/" + endpoint);
    }

    /**
     * The endpoint a request path names, or null when it is outside the base path. The root
     * is the base path itself.
     */
    String endpointOf(String requestPath) {
        if (requestPath.equals(base)) {
            return ROOT;
        }
        String prefix = base.equals("/") ? "" : base;
        if (!requestPath.startsWith(prefix + "/")) {
            return null;
        }
        return requestPath.substring(prefix.length());
    }
}

package io.jnatsd.monitor;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query string of one monitoring request, decoded the way {@code server/monitor.go}
 * does ({@code decodeBool}, {@code decodeInt}, {@code decodeUint64}, {@code decodeState},
 * {@code decodeSubs}), with the reference's 400 texts. Immutable.
 */
final class QueryParams {

    /** Which connections /connz lists: the reference's {@code ConnState}. */
    enum ConnState { OPEN, CLOSED, ALL }

    private final Map<String, List<String>> params;

    QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    static QueryParams of(String uri) {
        return new QueryParams(new QueryStringDecoder(uri).parameters());
    }

    /** The first value of {@code name}, or empty, as Go's {@code URL.Query().Get}. */
    String get(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** Go's {@code strconv.ParseBool} over the parameter; absent is false. */
    boolean bool(String name) throws BadRequestException {
        String s = get(name);
        return switch (s) {
            case "" -> false;
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new BadRequestException("Error decoding boolean for '" + name
                    + "': strconv.ParseBool: parsing " + quote(s) + ": invalid syntax");
        };
    }

    /**
     * Go's {@code strconv.Atoi} over the parameter (a 64-bit int, as on the reference's
     * platforms), clamped to the int range; absent is 0.
     */
    int integer(String name) throws BadRequestException {
        String s = get(name);
        if (s.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(s);
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        } catch (NumberFormatException e) {
            String why = s.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
            throw new BadRequestException("Error decoding int for '" + name + "': strconv.Atoi: parsing "
                    + quote(s) + ": " + why);
        }
    }

    /** Go's {@code strconv.ParseUint(s, 10, 64)}; absent is 0. */
    long unsigned(String name) throws BadRequestException {
        String s = get(name);
        if (s.isEmpty()) {
            return 0;
        }
        try {
            if (!s.matches("[0-9]+")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            String why = s.matches("[0-9]+") ? "value out of range" : "invalid syntax";
            throw new BadRequestException("Error decoding uint64 for '" + name + "': strconv.ParseUint: parsing "
                    + quote(s) + ": " + why);
        }
    }

    /** The {@code state} parameter: open (default), closed, any or all. */
    ConnState state() throws BadRequestException {
        String s = get("state");
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "", "open" -> ConnState.OPEN;
            case "closed" -> ConnState.CLOSED;
            case "any", "all" -> ConnState.ALL;
            default -> throw new BadRequestException("Error decoding state for " + s);
        };
    }

    /** Whether {@code subs=detail} was asked. */
    boolean subsDetail() {
        return "detail".equals(get("subs").toLowerCase(Locale.ROOT));
    }

    /** Whether a plain subscription list was asked ({@code subs} true, and not detail). */
    boolean subsList() throws BadRequestException {
        return !subsDetail() && bool("subs");
    }

    /** Go's {@code %q} for the ASCII a query carries. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

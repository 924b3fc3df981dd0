package io.jnatsd.cluster.route;

import io.jnatsd.compress.S2ChannelDecoder;
import io.jnatsd.compress.S2ChannelEncoder;
import io.netty.channel.Channel;

/**
 * Twin of the route compression helpers of {@code server/server.go} ({@code needsCompression},
 * {@code selectCompressionMode}, {@code compressionModeForInfoProtocol}) and of the codec switch of
 * {@code negotiateRouteCompression} in {@code server/route.go}.
 *
 * <p>jnatsd has one S2 encoder level, so {@code s2_fast}, {@code s2_better}, {@code s2_best} and
 * {@code s2_uncompressed} all write the same S2 stream (the peer decodes any level). {@code s2_auto}, which the
 * reference resolves by the route's RTT, maps to the fixed level {@code s2_fast} here; the INFO still says
 * {@code s2_auto}, as the reference's does.
 *
 * <p>Stateless; thread-safe.
 */
final class RouteCompression {

    static final String NOT_SUPPORTED = "not supported";
    static final String OFF = "off";
    static final String ACCEPT = "accept";
    static final String S2_AUTO = "s2_auto";
    static final String S2_UNCOMPRESSED = "s2_uncompressed";
    static final String S2_FAST = "s2_fast";
    static final String S2_BETTER = "s2_better";
    static final String S2_BEST = "s2_best";

    static final String DECODER_NAME = "s2-decoder";
    static final String ENCODER_NAME = "s2-encoder";

    private RouteCompression() {
    }

    /** Whether a server in mode {@code m} negotiates compression with its peers. */
    static boolean needsCompression(String m) {
        return !m.isEmpty() && !OFF.equals(m) && !NOT_SUPPORTED.equals(m);
    }

    /**
     * The mode this side uses, from its own mode {@code local} (one that needs compression) and the mode
     * {@code remote} of the peer's INFO (empty from a server without compression support).
     *
     * @throws IllegalArgumentException with the reference's text for a mode it does not know
     */
    static String select(String local, String remote) {
        return switch (remote) {
            case "", NOT_SUPPORTED -> NOT_SUPPORTED;
            case OFF -> OFF;
            case ACCEPT -> ACCEPT.equals(local) ? OFF : local;
            case S2_AUTO, S2_UNCOMPRESSED, S2_FAST, S2_BETTER, S2_BEST -> {
                if (ACCEPT.equals(local)) {
                    yield S2_AUTO.equals(remote) ? S2_FAST : remote;
                }
                yield local;
            }
            default -> throw new IllegalArgumentException("unsupported route compression mode \"" + remote + "\"");
        };
    }

    /** The level actually run for a selected mode: {@code s2_auto} is fixed to {@code s2_fast}. */
    static String level(String selected) {
        return S2_AUTO.equals(selected) ? S2_FAST : selected;
    }

    /** What INFO says once a mode is chosen: {@code s2_auto} when configured so, else the chosen mode. */
    static String infoMode(String configured, String chosen) {
        return S2_AUTO.equals(configured) ? S2_AUTO : chosen;
    }

    /** Puts the S2 codec into a route's pipeline; later writes are compressed, later reads decompressed. */
    static void install(Channel channel) {
        channel.pipeline().addBefore(RouteModule.PIPELINE_NAME, DECODER_NAME, new S2ChannelDecoder());
        channel.pipeline().addFirst(ENCODER_NAME, new S2ChannelEncoder());
    }
}

package io.jnatsd.cluster.route;

import io.jnatsd.compress.S2ChannelDecoder;
import io.jnatsd.compress.S2ChannelEncoder;
import io.netty.channel.Channel;

import java.time.Duration;
import java.util.List;

/**
 * Twin of the route compression helpers of {@code server/server.go} ({@code needsCompression},
 * {@code selectCompressionMode}, {@code compressionModeForInfoProtocol}) and of the codec switch of
 * {@code negotiateRouteCompression} in {@code server/route.go}.
 *
 * <p>Levels: {@code s2_uncompressed} writes S2 stream chunks stored as they are, as the reference's
 * {@code s2.WriterUncompressed}; jnatsd has one S2 compressor, so {@code s2_fast}, {@code s2_better} and
 * {@code s2_best} all write the same compressed chunks (the peer decodes any level; only the ratio differs from
 * the reference's better and best). {@code s2_auto} picks the level by the route's RTT as the reference does
 * ({@link #selectByRtt}), first when compression is negotiated and again on each PONG; the INFO still says
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

    /** The level actually run for a selected mode: {@code s2_auto} follows {@code rttNanos} ({@link #selectByRtt}). */
    static String level(String selected, long rttNanos, List<Duration> thresholds) {
        return S2_AUTO.equals(selected) ? selectByRtt(rttNanos, thresholds) : selected;
    }

    /**
     * Twin of {@code selectS2AutoModeBasedOnRTT}: the first threshold the RTT does not pass names the level
     * (uncompressed, fast, better, best in that order; a 0 threshold is never chosen); past them all, {@code s2_best}
     * when three or more are given, else the last one's level.
     */
    static String selectByRtt(long rttNanos, List<Duration> thresholds) {
        int idx = -1;
        for (int i = 0; i < thresholds.size(); i++) {
            if (rttNanos <= thresholds.get(i).toNanos()) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            idx = thresholds.size() >= 3 ? 3 : thresholds.size() - 1;
        }
        return switch (idx) {
            case 0 -> S2_UNCOMPRESSED;
            case 1 -> S2_FAST;
            case 2 -> S2_BETTER;
            default -> S2_BEST;
        };
    }

    /** What INFO says once a mode is chosen: {@code s2_auto} when configured so, else the chosen mode. */
    static String infoMode(String configured, String chosen) {
        return S2_AUTO.equals(configured) ? S2_AUTO : chosen;
    }

    /**
     * Puts the S2 codec into a route's pipeline at {@code level}; later writes are framed, later reads unframed.
     * With TLS the codec sits inside it: S2 frames travel encrypted, as in the reference.
     */
    static void install(Channel channel, String level) {
        channel.pipeline().addBefore(RouteModule.PIPELINE_NAME, DECODER_NAME, new S2ChannelDecoder());
        S2ChannelEncoder encoder = new S2ChannelEncoder(!S2_UNCOMPRESSED.equals(level));
        if (channel.pipeline().get(RouteTls.PIPELINE_NAME) != null) {
            channel.pipeline().addAfter(RouteTls.PIPELINE_NAME, ENCODER_NAME, encoder);
        } else {
            channel.pipeline().addFirst(ENCODER_NAME, encoder);
        }
    }

    /** Moves a compressing route to another level (s2_auto after an RTT change). Event loop only. */
    static void switchLevel(Channel channel, String level) {
        if (channel.pipeline().get(ENCODER_NAME) instanceof S2ChannelEncoder encoder) {
            encoder.setCompress(!S2_UNCOMPRESSED.equals(level));
        }
    }
}

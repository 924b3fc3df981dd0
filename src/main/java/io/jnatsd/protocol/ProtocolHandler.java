package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;

/**
 * What the parser reports, one call per complete op. The parser knows nothing of the server:
 * a connection implements this. Every method returns {@link #CONTINUE} or {@link #STOP};
 * after {@code STOP} the parser drops the rest of the input (the connection is closing).
 * Called on the connection's event loop only.
 */
public interface ProtocolHandler {

    /** Keep parsing. */
    int CONTINUE = 0;

    /** The connection is closing: drop the rest of the input. */
    int STOP = -1;

    /**
     * Only from {@link #onConnect}: stop parsing after this op and hand the rest of the input
     * back (the client waits for an answer from outside, such as the auth callout).
     */
    int PAUSE = -2;

    /** CONNECT with its JSON argument at {@code buf[offset, offset+length)}. */
    int onConnect(ByteBuf buf, int offset, int length);

    /** INFO sent by the peer, JSON argument as for CONNECT. */
    int onInfo(ByteBuf buf, int offset, int length);

    /** A complete PUB or HPUB with its payload. */
    int onPub(PubArgs args);

    /**
     * Pedantic mode only: the PUB or HPUB control line just read names a subject that is not a
     * valid literal subject (the reference's {@code IsValidLiteralSubject}). The message itself
     * still follows through {@link #onPub}, as in the reference. The default does nothing, for
     * handlers that never turn pedantic mode on.
     */
    default void onInvalidPublishSubject() {
    }

    /**
     * An op other than CONNECT starts while the parser was told that CONNECT must come first
     * ({@link ProtocolParser#setConnectRequired}). The handler either lets it through (and
     * clears the requirement) or refuses the connection and returns {@link #STOP}. The default
     * refuses, for handlers that never set the requirement.
     */
    default int onOpBeforeConnect() {
        return STOP;
    }

    /**
     * SUB; {@code queue} is null for a plain subscription. Arguments are byte strings: one char
     * per input byte (ISO-8859-1), so that they go back on the wire unchanged.
     */
    int onSub(String subject, String queue, String sid);

    /** UNSUB ({@code sid} a byte string as in {@link #onSub}); {@code maxMsgs} is -1 when absent or not a number (the reference then unsubscribes at once). */
    int onUnsub(String sid, long maxMsgs);

    int onPing();

    /**
     * Routes: {@code RS+} (or {@code LS+} when {@code withOrigin}, its first argument the origin
     * cluster) with its argument line. Only called for kinds that {@link InboundOps} allows to
     * send it; the default refuses.
     */
    default int onRemoteSub(ByteBuf buf, int offset, int length, boolean withOrigin) {
        return STOP;
    }

    /** Routes: {@code RS-} (or {@code LS-}) with its argument line; the default refuses. */
    default int onRemoteUnsub(ByteBuf buf, int offset, int length, boolean withOrigin) {
        return STOP;
    }

    /**
     * Routes: a complete {@code RMSG}, {@code HMSG} or {@code LMSG} with its payload; the
     * account and queue names are in {@code args}. The default refuses.
     */
    default int onRoutedMsg(PubArgs args) {
        return STOP;
    }

    int onPong();

    /**
     * The parser cannot go on. The handler sends {@link ParseFailure#errText()} when there is one,
     * logs {@code detail} and closes the connection.
     */
    void onParseFailure(ParseFailure failure, String detail);
}

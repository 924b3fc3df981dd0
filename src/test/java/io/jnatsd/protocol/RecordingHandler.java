package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A handler that writes every call down as one line, so tests can compare parses. */
final class RecordingHandler implements ProtocolHandler {

    final List<String> events = new ArrayList<>();
    ParseFailure failure;
    /** What {@link #onOpBeforeConnect} answers. */
    int beforeConnectStatus = STOP;

    @Override
    public int onOpBeforeConnect() {
        events.add("BEFORE_CONNECT");
        return beforeConnectStatus;
    }

    @Override
    public int onConnect(ByteBuf buf, int offset, int length) {
        events.add("CONNECT " + buf.toString(offset, length, StandardCharsets.UTF_8));
        return CONTINUE;
    }

    @Override
    public int onInfo(ByteBuf buf, int offset, int length) {
        events.add("INFO " + buf.toString(offset, length, StandardCharsets.UTF_8));
        return CONTINUE;
    }

    @Override
    public int onPub(PubArgs args) {
        String payload = args.payloadBuf().toString(args.payloadOffset(), args.totalSize(), StandardCharsets.ISO_8859_1);
        String sizes = args.argBuf().toString(args.totalSizeOffset(), args.totalSizeLength(), StandardCharsets.US_ASCII);
        if (args.headerSize() >= 0) {
            sizes = args.argBuf().toString(args.headerSizeOffset(), args.headerSizeLength(), StandardCharsets.US_ASCII)
                    + "/" + sizes;
        }
        events.add((args.headerSize() >= 0 ? "HPUB " : "PUB ") + args.subject() + " " + args.reply() + " "
                + args.headerSize() + " " + args.totalSize() + " [" + sizes + "] [" + payload + "]");
        return CONTINUE;
    }

    @Override
    public int onSub(String subject, String queue, String sid) {
        events.add("SUB " + subject + " " + queue + " " + sid);
        return CONTINUE;
    }

    @Override
    public int onUnsub(String sid, long maxMsgs) {
        events.add("UNSUB " + sid + " " + maxMsgs);
        return CONTINUE;
    }

    @Override
    public int onRemoteSub(ByteBuf buf, int offset, int length, boolean withOrigin) {
        events.add((withOrigin ? "LS+ " : "RS+ ") + buf.toString(offset, length, StandardCharsets.ISO_8859_1));
        return CONTINUE;
    }

    @Override
    public int onRemoteUnsub(ByteBuf buf, int offset, int length, boolean withOrigin) {
        events.add((withOrigin ? "LS- " : "RS- ") + buf.toString(offset, length, StandardCharsets.ISO_8859_1));
        return CONTINUE;
    }

    @Override
    public int onRoutedMsg(PubArgs args) {
        String payload = args.payloadBuf().toString(args.payloadOffset(), args.totalSize(), StandardCharsets.ISO_8859_1);
        String queues = args.argBuf().toString(args.queuesOffset(), args.queuesLength(), StandardCharsets.ISO_8859_1);
        events.add("RMSG " + args.account() + " " + args.subject() + " " + args.reply() + " [" + queues + "] "
                + args.headerSize() + " " + args.totalSize() + " [" + payload + "]");
        return CONTINUE;
    }

    @Override
    public int onPing() {
        events.add("PING");
        return CONTINUE;
    }

    @Override
    public int onPong() {
        events.add("PONG");
        return CONTINUE;
    }

    @Override
    public void onParseFailure(ParseFailure failure, String detail) {
        if (this.failure != null) {
            throw new AssertionError("second failure reported: " + failure + " after " + this.failure);
        }
        this.failure = failure;
        events.add("FAIL " + failure);
    }
}

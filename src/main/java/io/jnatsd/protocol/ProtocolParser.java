package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.jnatsd.protocol.InboundOps.Op;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Twin of {@code server/parser.go}: the client protocol parser, a state machine over Netty
 * buffers that never copies a payload that arrived whole.
 *
 * <p>Op names are matched byte by byte, case-insensitively. A control line is found with one
 * scan for LF; when a line or a payload is split across reads, the part already read is
 * copied aside (the argument into a scratch buffer, the payload into an accumulator sized for
 * it) and parsing resumes where it stopped, so input split at any byte parses the same.
 *
 * <p>Event loop only: one parser per connection, fed in read order.
 */
public final class ProtocolParser {

    /** Number of input bytes quoted in a failure's detail, as the reference's protoSnippet. */
    static final int SNIPPET_SIZE = 32;
    /** What a step returns when the handler paused: the index to go on from is {@code pausedAt}. */
    private static final int PAUSED = -2;

    private static final int OP_START = 0;
    private static final int KEYWORD = 1;
    private static final int OP_P = 2;
    private static final int OP_H = 3;
    private static final int NEED_SPACE = 4;
    private static final int SKIP_SPACE = 5;
    private static final int SKIP_SPACE_OPTIONAL = 6;
    private static final int ARG = 7;
    private static final int TO_EOL = 8;
    private static final int MSG_PAYLOAD = 9;
    private static final int OP_R = 10;
    private static final int OP_L = 11;
    private static final int OP_A = 12;
    private static final int OP_SIGN = 13;

    /** "PUB " as one big-endian int: most ops of a busy connection start with it. */
    private static final int PUB_SPACE = ('P' << 24) | ('U' << 16) | ('B' << 8) | ' ';
    private static final byte[] KW_UB = Ops.bytes("ub");
    private static final byte[] KW_B = Ops.bytes("b");
    private static final byte[] KW_NG = Ops.bytes("ng");
    private static final byte[] KW_NSUB = Ops.bytes("nsub");
    private static final byte[] KW_ONNECT = Ops.bytes("onnect");
    private static final byte[] KW_NFO = Ops.bytes("nfo");
    private static final byte[] KW_OK = Ops.bytes("ok");
    private static final byte[] KW_ERR = Ops.bytes("err");
    private static final byte[] KW_SG = Ops.bytes("sg");

    private final ProtocolHandler handler;
    private final ConnectionKind kind;
    private final Set<Op> allowed;
    /** PUB is checked on the hot path: read from the table once. */
    private final boolean pubAllowed;
    /** After {@code RS}, {@code LS} or {@code A}: the op for '+' and for '-'. */
    private Op onPlus;
    private Op onMinus;
    private final PubArgs pubArgs = new PubArgs();
    private final ArgSplitter splitter = new ArgSplitter();
    private ByteBuf scratch;
    private ByteBuf payloadAcc;

    private int state = OP_START;
    private Op op;
    private byte[] keyword;
    private int keywordIndex;
    private boolean argInScratch;
    private int argStart;
    /** Where the input goes on after an op whose handler returned {@link ProtocolHandler#PAUSE}. */
    private int pausedAt;

    private int maxControlLine;
    private int maxPayload;
    private boolean headersEnabled;
    private boolean pedantic;
    private boolean connectRequired;
    private boolean accountInProtocol = true;

    /** A parser for a client connection. */
    public ProtocolParser(ProtocolHandler handler, int maxControlLine, int maxPayload) {
        this(handler, ConnectionKind.CLIENT, maxControlLine, maxPayload);
    }

    /** A parser for a connection of {@code kind}: it accepts the ops {@link InboundOps} lets that kind send. */
    public ProtocolParser(ProtocolHandler handler, ConnectionKind kind, int maxControlLine, int maxPayload) {
        this.handler = handler;
        this.pubArgs.origin = handler;
        this.kind = kind;
        this.allowed = InboundOps.of(kind);
        this.pubAllowed = allowed.contains(Op.PUB);
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    /** Payloads over this size fail with {@link ParseFailure#MAX_PAYLOAD}. */
    public void setMaxPayload(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    public void setMaxControlLine(int maxControlLine) {
        this.maxControlLine = maxControlLine;
    }

    /** HPUB is accepted only after the client asked for headers in CONNECT. */
    public void setHeadersEnabled(boolean headersEnabled) {
        this.headersEnabled = headersEnabled;
    }

    /** In pedantic mode a PUB or HPUB subject is checked on its control line, before the payload. */
    public void setPedantic(boolean pedantic) {
        this.pedantic = pedantic;
    }

    /**
     * Cleared on a route dedicated to one account (the reference's {@code route.accName}): its
     * RMSG/HMSG lines carry no account name, and {@link PubArgs#accountLength()} is 0.
     */
    public void setAccountInProtocol(boolean accountInProtocol) {
        this.accountInProtocol = accountInProtocol;
    }

    /**
     * While set, an op other than CONNECT goes to {@link ProtocolHandler#onOpBeforeConnect} first,
     * as the reference's {@code authSet}: a server that wants credentials hears CONNECT first.
     */
    public void setConnectRequired(boolean connectRequired) {
        this.connectRequired = connectRequired;
    }

    /**
     * Parses every byte of {@code buf}, calling the handler for each complete op. Reads but
     * never releases {@code buf}; nothing of it is kept after the call.
     *
     * @return {@link ProtocolHandler#CONTINUE}, or {@link ProtocolHandler#STOP} when the
     *         handler stopped or the input failed (the handler was told why), or
     *         {@link ProtocolHandler#PAUSE} when the handler paused after an op: then
     *         {@code buf}'s reader index is at the first byte not parsed
     */
    public int parse(ByteBuf buf) {
        int i = buf.readerIndex();
        final int end = buf.writerIndex();
        while (i < end) {
            int next = step(buf, i, end);
            if (next < 0) {
                if (next == PAUSED) {
                    buf.readerIndex(pausedAt);
                    return ProtocolHandler.PAUSE;
                }
                state = OP_START;
                return ProtocolHandler.STOP;
            }
            i = next;
        }
        return ProtocolHandler.CONTINUE;
    }

    /** Frees the buffers held for split input. Call once when the connection closes. */
    public void release() {
        if (payloadAcc != null) {
            payloadAcc.release();
            payloadAcc = null;
        }
        if (scratch != null) {
            scratch.release();
            scratch = null;
        }
    }

    /** Consumes input from {@code i}; returns the next index, or -1 to stop. */
    private int step(ByteBuf buf, int i, int end) {
        switch (state) {
            case OP_START:
                return onOpStart(buf, i);
            case KEYWORD:
                return onKeyword(buf, i);
            case OP_P:
                return onOpP(buf, i);
            case OP_H:
                return onOpH(buf, i);
            case NEED_SPACE:
                return onNeedSpace(buf, i);
            case SKIP_SPACE:
            case SKIP_SPACE_OPTIONAL:
                return onSkipSpace(buf, i);
            case ARG:
                return onArg(buf, i, end);
            case TO_EOL:
                return onToEndOfLine(buf, i, end);
            case MSG_PAYLOAD:
                return onPayload(buf, i, end);
            case OP_R, OP_L, OP_A:
                return onRouteOpLetter(buf, i);
            case OP_SIGN:
                return onSign(buf, i);
            default:
                throw new IllegalStateException("parser state " + state);
        }
    }

    private int onOpStart(ByteBuf buf, int i) {
        if (connectRequired && (buf.getByte(i) | 0x20) != 'c' && handler.onOpBeforeConnect() == ProtocolHandler.STOP) {
            return -1;
        }
        if (pubAllowed && buf.writerIndex() - i >= 4 && buf.getInt(i) == PUB_SPACE) {
            op = Op.PUB;
            state = SKIP_SPACE;
            return i + 4;
        }
        byte b = buf.getByte(i);
        switch (b | 0x20) {
            case 'p' -> state = OP_P;
            case 'h' -> state = OP_H;
            case 's' -> expect(Op.SUB, KW_UB);
            case 'u' -> expect(Op.UNSUB, KW_NSUB);
            case 'c' -> expect(Op.CONNECT, KW_ONNECT);
            case 'i' -> expect(Op.INFO, KW_NFO);
            case 'r' -> {
                if (!allowsAny(Op.RS_SUB, Op.RMSG)) {
                    return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
                }
                state = OP_R;
            }
            case 'l' -> {
                if (!allowsAny(Op.LS_SUB, Op.LMSG)) {
                    return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
                }
                state = OP_L;
            }
            case 'a' -> {
                if (!allowsAny(Op.A_SUB, Op.A_UNSUB)) {
                    return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
                }
                onPlus = Op.A_SUB;
                onMinus = Op.A_UNSUB;
                state = OP_SIGN;
            }
            default -> {
                if (b == '+') {
                    expect(Op.OK, KW_OK);
                } else if (b == '-') {
                    expect(Op.ERR, KW_ERR);
                } else {
                    return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
                }
            }
        }
        return i + 1;
    }

    private int onOpP(ByteBuf buf, int i) {
        switch (buf.getByte(i) | 0x20) {
            case 'u' -> expect(Op.PUB, KW_B);
            case 'i' -> expect(Op.PING, KW_NG);
            case 'o' -> expect(Op.PONG, KW_NG);
            default -> {
                return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
            }
        }
        return i + 1;
    }

    private int onOpH(ByteBuf buf, int i) {
        int b = buf.getByte(i) | 0x20;
        if (b == 'p' && allowed.contains(Op.HPUB)) {
            expect(Op.HPUB, KW_UB);
        } else if (b == 'm' && allowed.contains(Op.HMSG)) {
            expect(Op.HMSG, KW_SG);
        } else {
            return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
        }
        return i + 1;
    }

    private boolean allowsAny(Op a, Op b) {
        return allowed.contains(a) || allowed.contains(b);
    }

    /** After {@code R} or {@code L}: {@code S} starts RS+/RS-/LS+/LS-, {@code M} starts RMSG/LMSG. */
    private int onRouteOpLetter(ByteBuf buf, int i) {
        boolean route = state == OP_R;
        switch (buf.getByte(i) | 0x20) {
            case 's' -> {
                onPlus = route ? Op.RS_SUB : Op.LS_SUB;
                onMinus = route ? Op.RS_UNSUB : Op.LS_UNSUB;
                state = OP_SIGN;
            }
            case 'm' -> expect(route ? Op.RMSG : Op.LMSG, KW_SG);
            default -> {
                return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
            }
        }
        if (op != null && state == KEYWORD && !allowed.contains(op)) {
            return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
        }
        return i + 1;
    }

    private int onSign(ByteBuf buf, int i) {
        byte b = buf.getByte(i);
        Op next = b == '+' ? onPlus : b == '-' ? onMinus : null;
        if (next == null || !allowed.contains(next)) {
            return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
        }
        op = next;
        state = NEED_SPACE;
        return i + 1;
    }

    private void expect(Op nextOp, byte[] rest) {
        op = nextOp;
        keyword = rest;
        keywordIndex = 0;
        state = KEYWORD;
    }

    private int onKeyword(ByteBuf buf, int i) {
        if ((buf.getByte(i) | 0x20) != keyword[keywordIndex]) {
            return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
        }
        if (++keywordIndex == keyword.length) {
            if (!allowed.contains(op)) {
                return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
            }
            state = afterKeyword();
        }
        return i + 1;
    }

    /** What follows each op's name, as the reference's states after OP_PUB, OP_CONNECT, OP_PING... */
    private int afterKeyword() {
        return switch (op) {
            case CONNECT, INFO -> SKIP_SPACE_OPTIONAL;
            case PING, PONG, OK -> TO_EOL;
            default -> NEED_SPACE;
        };
    }

    private int onNeedSpace(ByteBuf buf, int i) {
        byte b = buf.getByte(i);
        if (b != ' ' && b != '\t') {
            return fail(ParseFailure.UNKNOWN_OPERATION, buf, i);
        }
        state = SKIP_SPACE;
        return i + 1;
    }

    private int onSkipSpace(ByteBuf buf, int i) {
        byte b = buf.getByte(i);
        if (b == ' ' || b == '\t') {
            return i + 1;
        }
        state = ARG;
        argInScratch = false;
        argStart = i;
        return i;
    }

    /** PING, PONG and +OK act on the LF; whatever stands before it is ignored, as in the reference. */
    private int onToEndOfLine(ByteBuf buf, int i, int end) {
        int lf = buf.forEachByte(i, end - i, ByteProcessor.FIND_LF);
        if (lf < 0) {
            return end;
        }
        state = OP_START;
        int status = switch (op) {
            case PING -> handler.onPing();
            case PONG -> handler.onPong();
            default -> ProtocolHandler.CONTINUE;
        };
        return status == ProtocolHandler.STOP ? -1 : lf + 1;
    }

    private int onArg(ByteBuf buf, int i, int end) {
        int lf = buf.forEachByte(i, end - i, ByteProcessor.FIND_LF);
        if (lf < 0) {
            return holdSplitArg(buf, i, end);
        }
        ByteBuf argBuf;
        int argOffset;
        int argEnd;
        if (argInScratch) {
            scratch.writeBytes(buf, i, lf - i);
            argBuf = scratch;
            argOffset = 0;
            argEnd = scratch.writerIndex();
        } else {
            argBuf = buf;
            argOffset = argStart;
            argEnd = lf;
        }
        if (argEnd > argOffset && argBuf.getByte(argEnd - 1) == '\r') {
            argEnd--;
        }
        if (argEnd - argOffset > maxControlLine) {
            return failControlLine(argBuf, argOffset, argEnd - argOffset);
        }
        state = OP_START;
        int status = dispatchArg(argBuf, argOffset, argEnd - argOffset);
        if (status == ProtocolHandler.STOP) {
            return -1;
        }
        if (status == ProtocolHandler.PAUSE) {
            pausedAt = lf + 1;
            return PAUSED;
        }
        if (state == MSG_PAYLOAD) {
            return startPayload(buf, lf + 1, end);
        }
        return lf + 1;
    }

    /** The line goes on in the next read: keep what we have, and refuse a line already too long. */
    private int holdSplitArg(ByteBuf buf, int i, int end) {
        ByteBuf held = scratch();
        if (!argInScratch) {
            held.clear();
            held.writeBytes(buf, argStart, end - argStart);
            argInScratch = true;
        } else {
            held.writeBytes(buf, i, end - i);
        }
        if (held.readableBytes() > maxControlLine) {
            return failControlLine(held, 0, held.readableBytes());
        }
        return end;
    }

    private ByteBuf scratch() {
        if (scratch == null) {
            scratch = ByteBufAllocator.DEFAULT.heapBuffer(256);
        }
        return scratch;
    }

    private int dispatchArg(ByteBuf argBuf, int offset, int length) {
        return switch (op) {
            case PUB -> onPubLine(argBuf, offset, length, false);
            case HPUB -> onPubLine(argBuf, offset, length, true);
            case SUB -> onSubLine(argBuf, offset, length);
            case UNSUB -> onUnsubLine(argBuf, offset, length);
            case CONNECT -> handler.onConnect(argBuf, offset, length);
            case INFO -> handler.onInfo(argBuf, offset, length);
            case ERR -> failClientError(argBuf, offset, length);
            case RS_SUB -> handler.onRemoteSub(argBuf, offset, length, false);
            case LS_SUB -> handler.onRemoteSub(argBuf, offset, length, true);
            case RS_UNSUB -> handler.onRemoteUnsub(argBuf, offset, length, false);
            case LS_UNSUB -> handler.onRemoteUnsub(argBuf, offset, length, true);
            case RMSG -> RoutedMsgArgs.read(this, splitter, pubArgs, argBuf, offset, length, false, false,
                    accountInProtocol);
            case HMSG -> RoutedMsgArgs.read(this, splitter, pubArgs, argBuf, offset, length, true, false,
                    accountInProtocol);
            case LMSG -> RoutedMsgArgs.read(this, splitter, pubArgs, argBuf, offset, length, false, true,
                    accountInProtocol);
            case A_SUB, A_UNSUB -> ProtocolHandler.CONTINUE;
            default -> throw new IllegalStateException("no argument for " + op);
        };
    }

    private int onPubLine(ByteBuf argBuf, int offset, int length, boolean withHeaders) {
        if (withHeaders && !headersEnabled) {
            return failArgs(ParseFailure.HEADERS_NOT_SUPPORTED, "processHeaderPub", argBuf, offset, length);
        }
        ArgSplitter args = splitter;
        int count = args.split(argBuf, offset, length);
        PubArgs pa = pubArgs;
        int sizes = withHeaders ? 2 : 1;
        if (count != sizes + 1 && count != sizes + 2) {
            return failArgs(ParseFailure.BAD_ARGUMENTS, withHeaders ? "processHeaderPub Parse Error" : "processPub Parse Error",
                    argBuf, offset, length);
        }
        pa.argBuf = argBuf;
        pa.accountLength = 0;
        pa.queuesLength = 0;
        pa.subjectOffset = args.start(0);
        pa.subjectLength = args.length(0);
        boolean hasReply = count == sizes + 2;
        pa.replyOffset = hasReply ? args.start(1) : 0;
        pa.replyLength = hasReply ? args.length(1) : 0;
        int sizeIndex = hasReply ? 2 : 1;
        pa.headerSizeOffset = args.start(sizeIndex);
        pa.headerSizeLength = args.length(sizeIndex);
        pa.headerSize = withHeaders ? AsciiNumbers.parseSize(argBuf, pa.headerSizeOffset, pa.headerSizeLength) : -1;
        pa.totalSizeOffset = args.start(count - 1);
        pa.totalSizeLength = args.length(count - 1);
        pa.totalSize = AsciiNumbers.parseSize(argBuf, pa.totalSizeOffset, pa.totalSizeLength);
        if (withHeaders && pa.headerSize < 0) {
            return failArgs(ParseFailure.BAD_ARGUMENTS, "processHeaderPub Bad or Missing Header Size", argBuf, offset, length);
        }
        if (pa.totalSize < 0) {
            return failArgs(ParseFailure.BAD_ARGUMENTS, "Bad or Missing Size", argBuf, offset, length);
        }
        if (withHeaders && pa.headerSize > pa.totalSize) {
            return failArgs(ParseFailure.BAD_ARGUMENTS, "processHeaderPub Header Size larger then TotalSize",
                    argBuf, offset, length);
        }
        if (maxPayload >= 0 && pa.totalSize > maxPayload) {
            handler.onParseFailure(ParseFailure.MAX_PAYLOAD, pa.totalSize + " vs " + maxPayload);
            return ProtocolHandler.STOP;
        }
        if (pedantic && !isValidLiteralSubject(argBuf, pa.subjectOffset, pa.subjectLength)) {
            handler.onInvalidPublishSubject();
        }
        if (pa.headerSize == 0) {
            // An empty header block is no header block: the reference tests hdr > 0 and sends MSG.
            pa.headerSize = -1;
        }
        state = MSG_PAYLOAD;
        return ProtocolHandler.CONTINUE;
    }

    /** No empty token and no token that is a lone wildcard, on the bytes (the reference's IsValidLiteralSubject). */
    private static boolean isValidLiteralSubject(ByteBuf buf, int offset, int length) {
        int tokenStart = offset;
        int end = offset + length;
        for (int i = offset; i <= end; i++) {
            if (i == end || buf.getByte(i) == '.') {
                int tokenLength = i - tokenStart;
                if (tokenLength == 0) {
                    return false;
                }
                if (tokenLength == 1) {
                    byte b = buf.getByte(tokenStart);
                    if (b == '*' || b == '>') {
                        return false;
                    }
                }
                tokenStart = i + 1;
            }
        }
        return true;
    }

    /** The payload starts at {@code i}: deliver it in place when it is all here, else start holding it. */
    private int startPayload(ByteBuf buf, int i, int end) {
        int needed = pubArgs.totalSize + 2;
        if (end - i >= needed) {
            state = OP_START;
            return finishPayload(buf, i);
        }
        keepArgsForSplitPayload();
        payloadAcc = ByteBufAllocator.DEFAULT.heapBuffer(needed, needed);
        payloadAcc.writeBytes(buf, i, end - i);
        return end;
    }

    private int onPayload(ByteBuf buf, int i, int end) {
        ByteBuf acc = payloadAcc;
        int copy = Math.min(acc.writableBytes(), end - i);
        acc.writeBytes(buf, i, copy);
        if (acc.isWritable()) {
            return i + copy;
        }
        state = OP_START;
        try {
            return finishPayload(acc, 0) < 0 ? -1 : i + copy;
        } finally {
            acc.release();
            payloadAcc = null;
        }
    }

    /** Checks the CRLF after the payload and hands the message to the handler. */
    private int finishPayload(ByteBuf buf, int payloadOffset) {
        int crlf = payloadOffset + pubArgs.totalSize;
        if (buf.getByte(crlf) != '\r' || buf.getByte(crlf + 1) != '\n') {
            int bad = buf.getByte(crlf) != '\r' ? crlf : crlf + 1;
            return fail(ParseFailure.UNKNOWN_OPERATION, buf, bad);
        }
        pubArgs.payloadBuf = buf;
        pubArgs.payloadOffset = payloadOffset;
        int status = op == Op.PUB || op == Op.HPUB ? handler.onPub(pubArgs) : handler.onRoutedMsg(pubArgs);
        pubArgs.payloadBuf = null;
        pubArgs.argBuf = null;
        return status == ProtocolHandler.STOP ? -1 : crlf + 2;
    }

    /** The control line lives in the read buffer, which goes away: move it to the scratch buffer. */
    private void keepArgsForSplitPayload() {
        PubArgs pa = pubArgs;
        if (pa.argBuf == scratch) {
            return;
        }
        int base = pa.accountLength > 0 ? pa.accountOffset : pa.subjectOffset;
        int lineEnd = pa.totalSizeOffset + pa.totalSizeLength;
        ByteBuf held = scratch();
        held.clear();
        held.writeBytes(pa.argBuf, base, lineEnd - base);
        pa.argBuf = held;
        pa.subjectOffset -= base;
        pa.replyOffset -= base;
        pa.headerSizeOffset -= base;
        pa.totalSizeOffset -= base;
        pa.accountOffset -= base;
        pa.queuesOffset -= base;
    }

    /** A routed message's line was read into {@link #pubArgs}: check its size and expect the payload. */
    int acceptRoutedLine() {
        PubArgs pa = pubArgs;
        if (maxPayload >= 0 && pa.totalSize > maxPayload) {
            handler.onParseFailure(ParseFailure.MAX_PAYLOAD, pa.totalSize + " vs " + maxPayload);
            return ProtocolHandler.STOP;
        }
        if (pa.headerSize == 0) {
            pa.headerSize = -1;
        }
        state = MSG_PAYLOAD;
        return ProtocolHandler.CONTINUE;
    }

    /** Arguments that do not parse: the handler is told with the reference's text, and parsing stops. */
    int failRoutedArgs(String what, ByteBuf argBuf, int offset, int length) {
        return failArgs(ParseFailure.BAD_ARGUMENTS, what, argBuf, offset, length);
    }

    private int onSubLine(ByteBuf argBuf, int offset, int length) {
        int count = splitter.splitWithLineBreaks(argBuf, offset, length);
        if (count != 2 && count != 3) {
            return failArgs(ParseFailure.BAD_ARGUMENTS, "processSub Parse Error", argBuf, offset, length);
        }
        String subject = splitter.string(argBuf, 0);
        String queue = count == 3 ? splitter.string(argBuf, 1) : null;
        String sid = splitter.string(argBuf, count - 1);
        return handler.onSub(subject, queue, sid);
    }

    private int onUnsubLine(ByteBuf argBuf, int offset, int length) {
        int count = splitter.splitWithLineBreaks(argBuf, offset, length);
        if (count != 1 && count != 2) {
            return failArgs(ParseFailure.BAD_ARGUMENTS, "processUnsub Parse Error", argBuf, offset, length);
        }
        long max = count == 2 ? AsciiNumbers.parseSize(argBuf, splitter.start(1), splitter.length(1)) : -1;
        return handler.onUnsub(splitter.string(argBuf, 0), max);
    }

    private int failClientError(ByteBuf argBuf, int offset, int length) {
        handler.onParseFailure(ParseFailure.CLIENT_ERROR, argBuf.toString(offset, length, StandardCharsets.UTF_8));
        return ProtocolHandler.STOP;
    }

    private int failArgs(ParseFailure failure, String what, ByteBuf argBuf, int offset, int length) {
        handler.onParseFailure(failure, what + ": " + quote(argBuf, offset, length));
        return ProtocolHandler.STOP;
    }

    private int failControlLine(ByteBuf argBuf, int offset, int length) {
        handler.onParseFailure(ParseFailure.MAX_CONTROL_LINE, "max_control_line " + maxControlLine
                + ", Buffer len " + length + " (snip: " + quote(argBuf, offset, Math.min(length, SNIPPET_SIZE)) + "...)");
        return -1;
    }

    /** Reports a parse error with the reference's log text, quoting the input as its protoSnippet does. */
    private int fail(ParseFailure failure, ByteBuf buf, int at) {
        int stop = Math.min(at + SNIPPET_SIZE, buf.writerIndex() - 1);
        String snippet = stop > at ? quote(buf, at, stop - at) : "\"\"";
        handler.onParseFailure(failure, kindName() + " parser ERROR, state=" + state + ", i=" + (at - buf.readerIndex())
                + ": proto='" + snippet + "...'");
        return -1;
    }

    /** The reference's {@code kindString}, as its parser errors name the connection. */
    private String kindName() {
        return switch (kind) {
            case CLIENT -> "Client";
            case ROUTER -> "Router";
            case GATEWAY -> "Gateway";
            case LEAF -> "Leafnode";
        };
    }

    /** Quotes bytes for a log line, escaping what is not printable, like Go's %q. */
    static String quote(ByteBuf buf, int offset, int length) {
        StringBuilder sb = new StringBuilder(length + 2).append('"');
        for (int i = offset; i < offset + length; i++) {
            int c = buf.getByte(i) & 0xff;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

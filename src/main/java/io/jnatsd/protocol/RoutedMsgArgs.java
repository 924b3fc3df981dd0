package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Twin of {@code processRoutedMsgArgs}, {@code processRoutedHeaderMsgArgs} and
 * {@code processRoutedOriginClusterMsgArgs} in {@code server/route.go}: reads the line of an
 * {@code RMSG}, {@code HMSG} or {@code LMSG} into the parser's {@link PubArgs}.
 *
 * <pre>
 * RMSG &lt;account&gt; &lt;subject&gt; [reply] &lt;size&gt;
 * RMSG &lt;account&gt; &lt;subject&gt; + &lt;reply&gt; &lt;queue&gt;... &lt;size&gt;
 * RMSG &lt;account&gt; &lt;subject&gt; | &lt;queue&gt;... &lt;size&gt;
 * HMSG as RMSG with &lt;header size&gt; before &lt;size&gt;; LMSG as HMSG with &lt;origin&gt; first
 * on a route dedicated to one account, the same without &lt;account&gt;
 * </pre>
 *
 * Stateless.
 */
final class RoutedMsgArgs {

    private RoutedMsgArgs() {
    }

    static int read(ProtocolParser parser, ArgSplitter args, PubArgs pa, ByteBuf buf, int offset, int length,
                    boolean headers, boolean origin, boolean accountInProtocol) {
        int count = args.split(buf, offset, length);
        // LMSG carries the origin cluster first and always a header size; a dedicated route no account.
        int skip = (origin ? 1 : 0) + (accountInProtocol ? 0 : -1);
        boolean hdr = headers || origin;
        int sizes = hdr ? 2 : 1;
        String what = origin ? "processRoutedOriginClusterMsgArgs" : hdr ? "processRoutedHeaderMsgArgs"
                : "processRoutedMsgArgs";
        int n = count - skip;
        if (n < 2 + sizes) {
            return parser.failRoutedArgs(what + " Parse Error", buf, offset, length);
        }
        pa.argBuf = buf;
        pa.accountOffset = accountInProtocol ? args.start(skip) : 0;
        pa.accountLength = accountInProtocol ? args.length(skip) : 0;
        pa.subjectOffset = args.start(skip + 1);
        pa.subjectLength = args.length(skip + 1);
        pa.replyLength = 0;
        pa.queuesLength = 0;
        if (n == 3 + sizes) {
            pa.replyOffset = args.start(skip + 2);
            pa.replyLength = args.length(skip + 2);
        } else if (n > 3 + sizes) {
            if (args.length(skip + 2) != 1) {
                return parser.failRoutedArgs(what + " Bad or Missing Reply Indicator", buf, offset, length);
            }
            byte indicator = buf.getByte(args.start(skip + 2));
            int firstQueue;
            if (indicator == '+') {
                pa.replyOffset = args.start(skip + 3);
                pa.replyLength = args.length(skip + 3);
                firstQueue = skip + 4;
            } else if (indicator == '|') {
                firstQueue = skip + 3;
            } else {
                return parser.failRoutedArgs(what + " Bad or Missing Reply Indicator", buf, offset, length);
            }
            if (firstQueue >= count - sizes || firstQueue >= ArgSplitter.MAX_ARGS) {
                return parser.failRoutedArgs(what + " Parse Error", buf, offset, length);
            }
            int lastQueueBack = sizes;
            pa.queuesOffset = args.start(firstQueue);
            pa.queuesLength = args.startFromEnd(lastQueueBack) + args.lengthFromEnd(lastQueueBack) - pa.queuesOffset;
        }
        pa.totalSizeOffset = args.startFromEnd(0);
        pa.totalSizeLength = args.lengthFromEnd(0);
        pa.totalSize = AsciiNumbers.parseSize(buf, pa.totalSizeOffset, pa.totalSizeLength);
        if (hdr) {
            pa.headerSizeOffset = args.startFromEnd(1);
            pa.headerSizeLength = args.lengthFromEnd(1);
            pa.headerSize = AsciiNumbers.parseSize(buf, pa.headerSizeOffset, pa.headerSizeLength);
            if (pa.headerSize < 0 || pa.headerSize > pa.totalSize) {
                return parser.failRoutedArgs(what + " Bad or Missing Header Size", buf, offset, length);
            }
        } else {
            pa.headerSize = -1;
            pa.headerSizeOffset = pa.totalSizeOffset;
            pa.headerSizeLength = 0;
        }
        if (pa.totalSize < 0) {
            return parser.failRoutedArgs(what + " Bad or Missing Size", buf, offset, length);
        }
        return parser.acceptRoutedLine();
    }
}

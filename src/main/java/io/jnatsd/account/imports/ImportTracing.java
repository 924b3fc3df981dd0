package io.jnatsd.account.imports;

import io.jnatsd.account.Account;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.server.MsgTrace;
import io.jnatsd.server.MsgTracer;

/**
 * Twin of the message-trace part of {@code processServiceImport} and of the stream-import
 * branch of {@code processMsgResults} in {@code server/client.go}: a traced message that crosses
 * an import adds a {@code si} or {@code se} event, and goes on traced only where
 * {@code allow_trace} lets it: the service export's for a service import, the stream import's
 * own for a stream import. Where it does not, a trace-only message stops there, and a delivered
 * one goes on untraced (for a service import with its {@code Nats-Trace-Dest} disabled, so that
 * no server further on traces it).
 *
 * <p>Stateless; called on the thread that delivers the traced message.
 */
final class ImportTracing {

    private ImportTracing() {
    }

    /** A stream import of the traced message into {@code importer} under {@code mapped}. */
    static void streamImport(MsgTrace mt, ImportConfig imp, Account importer, Runnable untraced, Runnable traced,
                             String mapped) {
        mt.addStreamExport(importer.name(), mapped);
        if (imp.allowTrace()) {
            traced.run();
        } else if (!mt.traceOnly()) {
            MsgTrace.untraced(untraced);
        }
    }

    /**
     * A service import of the traced message from {@code from} (in the importer) to {@code to}
     * in {@code exporter}.
     *
     * @return whether the trace crosses into the exporting account
     */
    static boolean serviceImport(MsgTrace mt, Account exporter, ExportConfig export, String from, String to) {
        mt.addServiceImport(exporter.name(), from, to);
        return export.allowTrace();
    }

    /** The header block with the trace destination disabled. */
    static byte[] disabled(byte[] headers) {
        return MsgTracer.setHeader(headers, MsgTracer.DEST, MsgTracer.DEST_DISABLED);
    }
}

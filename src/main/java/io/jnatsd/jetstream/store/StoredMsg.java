package io.jnatsd.jetstream.store;

import java.util.Arrays;

/**
 * Twin of {@code StoreMsg} in {@code server/store.go}: a message as the store returns it.
 *
 * @param subject        the subject it was published on
 * @param headers        the NATS/1.0 header block, empty when none
 * @param payload        the payload, possibly empty
 * @param seq            its stream sequence
 * @param timestampNanos its store time in nanoseconds since the epoch
 */
public record StoredMsg(String subject, byte[] headers, byte[] payload, long seq, long timestampNanos) {

    /** Normalises null arrays to empty ones. */
    public StoredMsg {
        headers = headers == null ? new byte[0] : headers;
        payload = payload == null ? new byte[0] : payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredMsg m && seq == m.seq && timestampNanos == m.timestampNanos
            && subject.equals(m.subject) && Arrays.equals(headers, m.headers) && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + subject.hashCode();
    }

    @Override
    public String toString() {
        return "StoredMsg[seq=" + seq + ", subject=" + subject + ", ts=" + timestampNanos
            + ", hdr=" + headers.length + "B, payload=" + payload.length + "B]";
    }
}

package io.jnatsd.tls.ocsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few pieces of ASN.1 DER that OCSP needs: a reader of tag-length-value elements over a byte
 * array (views, no copies until asked) and writers for the request. Stateless helpers; an
 * {@link Element} is immutable.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int ENUMERATED = 0x0a;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;

    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Der() {
    }

    /** One element: its tag and where its content lies in {@code buf}. */
    record Element(byte[] buf, int start, int tag, int contentStart, int contentLength) {

        int end() {
            return contentStart + contentLength;
        }

        /** The whole encoding (tag, length and content), copied. */
        byte[] encoded() {
            return Arrays.copyOfRange(buf, start, end());
        }

        /** The content, copied. */
        byte[] content() {
            return Arrays.copyOfRange(buf, contentStart, end());
        }

        /** The elements inside a constructed element. */
        List<Element> children() throws IOException {
            List<Element> out = new ArrayList<>();
            int p = contentStart;
            while (p < end()) {
                Element e = read(buf, p, end());
                out.add(e);
                p = e.end();
            }
            return out;
        }

        /** A context-specific tag number ([n]), or -1. */
        int contextTag() {
            return (tag & 0xc0) == 0x80 ? tag & 0x1f : -1;
        }

        BigInteger integer() throws IOException {
            expect(INTEGER);
            return new BigInteger(content());
        }

        /** A BIT STRING's bits, without the unused-bits byte. */
        byte[] bits() throws IOException {
            expect(BIT_STRING);
            return Arrays.copyOfRange(buf, contentStart + 1, end());
        }

        String oid() throws IOException {
            expect(OID);
            StringBuilder sb = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = contentStart; i < end(); i++) {
                value = (value << 7) | (buf[i] & 0x7f);
                if ((buf[i] & 0x80) == 0) {
                    if (first) {
                        long a = Math.min(value / 40, 2);
                        sb.append(a).append('.').append(value - a * 40);
                        first = false;
                    } else {
                        sb.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return sb.toString();
        }

        Instant time() throws IOException {
            expect(GENERALIZED_TIME);
            String s = new String(buf, contentStart, contentLength, java.nio.charset.StandardCharsets.US_ASCII);
            if (s.length() < 15 || !s.endsWith("Z")) {
                throw new IOException("bad GeneralizedTime " + s);
            }
            Instant base = LocalDateTime.parse(s.substring(0, 14), GENERALIZED).toInstant(ZoneOffset.UTC);
            String frac = s.substring(14, s.length() - 1);
            if (frac.startsWith(".") && frac.length() > 1) {
                String digits = (frac.substring(1) + "000000000").substring(0, 9);
                base = base.plusNanos(Long.parseLong(digits));
            }
            return base;
        }

        void expect(int t) throws IOException {
            if (tag != t) {
                throw new IOException("asn1: expected tag 0x" + Integer.toHexString(t) + ", got 0x"
                        + Integer.toHexString(tag));
            }
        }
    }

    /** Reads the element at the start of {@code buf}, which must hold it exactly. */
    static Element parse(byte[] buf) throws IOException {
        Element e = read(buf, 0, buf.length);
        if (e.end() != buf.length) {
            throw new IOException("asn1: trailing data");
        }
        return e;
    }

    /** Reads the element at {@code pos}, within {@code limit}. */
    static Element read(byte[] buf, int pos, int limit) throws IOException {
        if (pos + 2 > limit) {
            throw new IOException("asn1: truncated element");
        }
        int tag = buf[pos] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IOException("asn1: long-form tags are not supported");
        }
        int p = pos + 1;
        int first = buf[p++] & 0xff;
        long len;
        if (first < 0x80) {
            len = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4 || p + n > limit) {
                throw new IOException("asn1: bad length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (buf[p++] & 0xff);
            }
        }
        if (p + len > limit) {
            throw new IOException("asn1: element longer than its container");
        }
        return new Element(buf, pos, tag, p, (int) len);
    }

    // ---- writing ----

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        byte[] c = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (c.length < 0x80) {
            out.write(c.length);
        } else if (c.length < 0x100) {
            out.write(0x81);
            out.write(c.length);
        } else if (c.length < 0x10000) {
            out.write(0x82);
            out.write(c.length >> 8);
            out.write(c.length);
        } else {
            out.write(0x83);
            out.write(c.length >> 16);
            out.write(c.length >> 8);
            out.write(c.length);
        }
        out.writeBytes(c);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    static byte[] octets(byte[] v) {
        return tlv(OCTET_STRING, v);
    }

    static byte[] integer(BigInteger v) {
        return tlv(INTEGER, v.toByteArray());
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    /** An OBJECT IDENTIFIER from its dotted form. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return tlv(OID, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long v) {
        int groups = 1;
        for (long t = v >>> 7; t != 0; t >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) ((v >>> (7 * g)) & 0x7f);
            out.write(g == 0 ? b : b | 0x80);
        }
    }
}

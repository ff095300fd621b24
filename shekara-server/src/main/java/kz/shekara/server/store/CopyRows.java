package kz.shekara.server.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Log entries in PostgreSQL's binary {@code COPY} format, one row per entry with the columns of
 * {@link JdbcEventLog#COLUMNS}: a header, per row the field count and each field as a length and
 * its bytes (-1 for NULL; bigint as 8 bytes big-endian, boolean as one byte, text as UTF-8), and a
 * trailer. The server stores these without parsing text, so a batch costs less of its CPU than in
 * CSV. Not thread-safe: one per writer.
 */
final class CopyRows {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    private static final short FIELDS = 11;

    private byte[] buf = new byte[1 << 16];
    private int size;

    /** Encodes the entries, with seqs from {@code firstSeq}; the bytes are {@link #bytes()}[0, {@link #size()}). */
    CopyRows encode(List<LogEntry> entries, long firstSeq) {
        size = 0;
        put(HEADER);
        long seq = firstSeq;
        for (LogEntry e : entries) {
            putShort(FIELDS);
            putLong(seq++);
            putLong(e.timeNs());
            putText(e.topic());
            putText(e.key());
            putText(e.entity());
            putText(e.tag());
            putText(e.event().marking().classification().name());
            putText(e.event().marking().originator());
            putText(e.releasable());
            putInt(1);
            putByte(e.event().marking().exercise() ? 1 : 0);
            putText(e.payload());
        }
        putShort((short) -1);
        return this;
    }

    byte[] bytes() {
        return buf;
    }

    int size() {
        return size;
    }

    private void putText(String s) {
        if (s == null) {
            putInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        put(b);
    }

    private void putLong(long v) {
        putInt(8);
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void putInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putShort(short v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}

package kz.shekara.server.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Log entries in PostgreSQL's binary {@code COPY} format, one row per entry with the columns of
 * {@link JdbcEventLog#COLUMNS}: a header, per row the field count and each field as a length and
 * its bytes (-1 for NULL; bigint as 8 bytes big-endian, boolean as one byte, text as UTF-8), and a
 * trailer. The server stores these without parsing text. Rows are written into one reused buffer
 * and handed to the {@link Sink} whenever {@link #FLUSH_BYTES} have gathered, so the server stores
 * the first rows of a batch while the rest are being encoded; per entry nothing is allocated (the
 * payload is copied as the UTF-8 its entry holds, ASCII text is written char by char, and the
 * releasable list is joined once per distinct set). Not thread-safe: one per writer.
 */
final class CopyRows {
    /** Bytes gathered before they are handed on. */
    static final int FLUSH_BYTES = 1 << 16;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    private static final short FIELDS = 11;

    /** Where encoded bytes go: the {@code COPY} in progress. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    private byte[] buf = new byte[FLUSH_BYTES + 4096];
    private int size;
    private Set<String> releasableSet; // the set last joined, by identity (markings' sets are immutable)
    private String releasable;

    /** Encodes the entries, with seqs from {@code firstSeq}, header to trailer, into {@code sink}. */
    void write(List<LogEntry> entries, long firstSeq, Sink sink) throws SQLException {
        size = 0;
        put(HEADER, 0, HEADER.length);
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
            putText(releasable(e.event().marking().releasableTo()));
            putInt(1);
            putByte(e.event().marking().exercise() ? 1 : 0);
            byte[] payload = e.payloadUtf8();
            putInt(payload.length);
            put(payload, 0, payload.length);
            if (size >= FLUSH_BYTES) {
                sink.write(buf, 0, size);
                size = 0;
            }
        }
        putShort((short) -1);
        sink.write(buf, 0, size);
        size = 0;
    }

    /**
     * The releasable column: the agencies joined by commas (as {@link Utf8Columns#releasable} writes it for
     * SQLite), joined again only for a new set.
     */
    private String releasable(Set<String> agencies) {
        if (agencies != releasableSet) {
            releasable = String.join(",", agencies);
            releasableSet = agencies;
        }
        return releasable;
    }

    private void putText(String s) {
        if (s == null) {
            putInt(-1);
            return;
        }
        int n = s.length();
        ensure(4 + n);
        int at = size + 4;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // not ASCII: as UTF-8 bytes
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                putInt(b.length);
                put(b, 0, b.length);
                return;
            }
            buf[at + i] = (byte) c;
        }
        putInt(n);
        size += n;
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

    private void put(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}

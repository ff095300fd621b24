package kz.shekara.server.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream, as {@link java.io.BufferedReader#readLine} over a strict UTF-8 reader
 * gives them (ended by {@code \n}, {@code \r} or {@code \r\n}; malformed UTF-8 is a
 * {@link java.nio.charset.MalformedInputException}), read as bytes: a line becomes a string in one copy,
 * where the reader decodes every byte into a char and the line's string then compresses them back.
 * Not thread-safe.
 */
final class Utf8Lines implements Closeable {
    private final InputStream in;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    /** The last line ended with {@code \r}: a {@code \n} right after it ends nothing more. */
    private boolean skipLf;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, or null at the end of the stream. */
    String readLine() throws IOException {
        int scanned = start;
        while (true) {
            if (skipLf && start < end) {
                skipLf = false;
                if (buf[start] == '\n') {
                    start++;
                }
                scanned = start;
            }
            for (int i = scanned; i < end; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    String line = decode(start, i - start);
                    start = i + 1;
                    skipLf = b == '\r';
                    return line;
                }
            }
            if (eof) {
                if (start == end) {
                    return null;
                }
                String line = decode(start, end - start);
                start = end;
                return line;
            }
            scanned = end - start;
            fill();
            scanned += start;
        }
    }

    /** Reads more bytes after the unread ones, moved to the front (the buffer grows for a long line). */
    private void fill() throws IOException {
        int unread = end - start;
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, unread);
        } else if (unread == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        start = 0;
        end = unread;
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private String decode(int off, int len) throws IOException {
        String s = new String(buf, off, len, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        // A replacement character: malformed input, or one written as such; the strict decoder tells which.
        return strict.reset().decode(ByteBuffer.wrap(buf, off, len)).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

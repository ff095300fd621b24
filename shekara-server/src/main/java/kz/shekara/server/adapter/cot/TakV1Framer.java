package kz.shekara.server.adapter.cot;

import java.util.Arrays;
import kz.shekara.server.adapter.DecodeException;

/**
 * Splits a TAK protocol version 1 stream into messages: {@code 0xbf}, the message length as a
 * varint, the message; whitespace between frames is skipped. A message longer than {@code maxFrameBytes} or a frame that does not start
 * with {@code 0xbf} cannot be resynchronised and ends the stream ({@link DecodeException}). Holds at
 * most one frame plus one read. Not thread-safe (one per connection).
 */
final class TakV1Framer {
    /** Receives each message; the array is only valid during the call. */
    interface Sink {
        void message(byte[] buf, int off, int len);
    }

    private final int maxFrameBytes;
    private byte[] buf = new byte[16_384];
    private int len;

    TakV1Framer(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    void feed(byte[] in, int off, int n, Sink sink) throws DecodeException {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(in, off, buf, len, n);
        len += n;
        int start = 0;
        while (start < len) {
            if (isSpace(buf[start])) {
                // Whitespace between frames (the newline after the XML query that switched the stream).
                start++;
                continue;
            }
            if ((buf[start] & 0xff) != TakV1.MAGIC) {
                throw new DecodeException("bad-framing", "TAK v1 frame does not start with 0xbf");
            }
            long size = 0;
            int shift = 0;
            int p = start + 1;
            boolean complete = false;
            while (p < len && shift < 35) {
                int b = buf[p++] & 0xff;
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    complete = true;
                    break;
                }
            }
            if (!complete) {
                if (shift >= 35) {
                    throw new DecodeException("bad-framing", "TAK v1 length is not a varint");
                }
                break;
            }
            if (size > maxFrameBytes) {
                throw new DecodeException("oversized", "TAK v1 message of " + size + " bytes exceeds " + maxFrameBytes);
            }
            if (p + size > len) {
                break;
            }
            sink.message(buf, p, (int) size);
            start = p + (int) size;
        }
        System.arraycopy(buf, start, buf, 0, len - start);
        len -= start;
    }

    /** True while part of a message is held (whitespace between messages is not held). */
    boolean holdsPart() {
        return len > 0;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}

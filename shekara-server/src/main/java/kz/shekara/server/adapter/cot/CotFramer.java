package kz.shekara.server.adapter.cot;

import java.util.Arrays;

/**
 * Splits a TCP byte stream of CoT XML events into frames, each ending with {@code </event>}.
 * A frame starts at the last {@code <event} before its end tag (CoT events do not nest): an XML
 * declaration, whitespace and any garbage before it are dropped, and garbage is reported through
 * {@link Sink#skipped}, so bytes before an event never swallow it and a truncated event is never
 * joined to the next. A frame longer than {@code maxFrameBytes} is discarded up to its end tag
 * and reported once through {@link Sink#oversized}; the stream goes on with the next event, and
 * the framer never holds more than {@code maxFrameBytes} plus one read. Not thread-safe (one per
 * connection); linear in the bytes fed.
 */
public final class CotFramer {
    private static final byte[] END = "</event>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "<event".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Receives frames; the array is only valid during the call. */
    public interface Sink {
        void frame(byte[] buf, int off, int len);

        void oversized(long discardedBytes);

        /** Bytes dropped before an event that were neither whitespace nor an XML declaration. */
        default void skipped(long bytes) {
        }
    }

    private final int maxFrameBytes;
    private byte[] buf;
    private int len;
    private int scanFrom;
    private boolean discarding;
    private long discarded;
    private boolean stopped;

    public CotFramer(int maxFrameBytes) {
        if (maxFrameBytes < END.length) {
            throw new IllegalArgumentException("maxFrameBytes too small: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.buf = new byte[Math.min(maxFrameBytes, 16_384) + END.length];
    }

    /** Feeds bytes just read; calls the sink for every complete frame in order. */
    public void feed(byte[] in, int off, int n, Sink sink) {
        ensure(len + n);
        System.arraycopy(in, off, buf, len, n);
        len += n;
        int start = 0;
        while (!stopped) {
            int end = indexOfEnd(Math.max(start, scanFrom));
            if (end < 0) {
                break;
            }
            int frameEnd = end + END.length;
            if (discarding) {
                discarding = false;
                sink.oversized(discarded + frameEnd - start);
                discarded = 0;
            } else {
                emit(start, frameEnd, sink);
            }
            start = frameEnd;
            scanFrom = start;
        }
        compact(start);
    }

    /**
     * Ends XML framing after the frame being delivered (the stream switches to TAK protocol v1): the
     * bytes after it stay for {@link #takeRest}.
     */
    void stop() {
        stopped = true;
    }

    /** The bytes held and not framed (after {@link #stop}: those of the next protocol); empties the framer. */
    byte[] takeRest() {
        byte[] rest = discarding ? new byte[0] : Arrays.copyOf(buf, len);
        len = 0;
        scanFrom = 0;
        return rest;
    }

    /** Bytes held for an incomplete frame (for tests and metrics). */
    public int buffered() {
        return len;
    }

    private void emit(int from, int to, Sink sink) {
        int s = skipPrologue(from, to);
        // A document type declaration stays with its event, for the decoder to refuse (dtd-forbidden).
        int event = s + DOCTYPE.length <= to && startsWith(s, DOCTYPE) ? s : lastEventStart(s, to - END.length);
        if (event < 0) {
            sink.skipped(to - s);
            return;
        }
        if (event > s) {
            sink.skipped(event - s);
            s = event;
        }
        int frameLen = to - s;
        if (frameLen > maxFrameBytes) {
            sink.oversized(to - from);
        } else {
            sink.frame(buf, s, frameLen);
        }
    }

    /** The start of the last {@code <event} element tag in [from, to), or -1. */
    private int lastEventStart(int from, int to) {
        for (int i = to - EVENT.length; i >= from; i--) {
            if (startsWith(i, EVENT) && i + EVENT.length < this.len) {
                byte next = buf[i + EVENT.length];
                if (next == ' ' || next == '>' || next == '/' || next == '\n' || next == '\r' || next == '\t') {
                    return i;
                }
            }
        }
        return -1;
    }

    private boolean startsWith(int at, byte[] what) {
        for (int k = 0; k < what.length; k++) {
            if (buf[at + k] != what[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes held for an event that has not ended, whitespace aside: what a connection closing now would
     * lose as a truncated event.
     */
    public int truncated() {
        int n = 0;
        for (int i = 0; i < len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != 0) {
                n = len - i;
                break;
            }
        }
        return discarding ? 0 : n;
    }

    /**
     * True while part of an event is held: bytes of one not ended, or an oversized one being discarded.
     * Whitespace after an event's end tag (the newline most clients end each event with) is no part of
     * the next one.
     */
    public boolean holdsPart() {
        return discarding || truncated() > 0;
    }

    /** Skips whitespace, an XML declaration and processing instructions before the root element. */
    private int skipPrologue(int from, int to) {
        int i = from;
        while (true) {
            while (i < to && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t' || buf[i] == 0)) {
                i++;
            }
            if (i + 1 < to && buf[i] == '<' && buf[i + 1] == '?') {
                int j = i + 2;
                while (j + 1 < to && !(buf[j] == '?' && buf[j + 1] == '>')) {
                    j++;
                }
                if (j + 1 >= to) {
                    return i;
                }
                i = j + 2;
            } else {
                return i;
            }
        }
    }

    private void compact(int start) {
        int rest = len - start;
        if (discarding || rest > maxFrameBytes) {
            // Keep only enough to recognise an end tag split across reads.
            int keep = Math.min(rest, END.length - 1);
            discarded += rest - keep;
            discarding = true;
            System.arraycopy(buf, len - keep, buf, 0, keep);
            len = keep;
            scanFrom = 0;
            return;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, rest);
        }
        len = rest;
        scanFrom = Math.max(0, rest - (END.length - 1));
    }

    private int indexOfEnd(int from) {
        byte first = END[0];
        int last = len - END.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < END.length; k++) {
                if (buf[i + k] != END[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(capacity, Math.min(buf.length * 2, maxFrameBytes + 65_536)));
        }
    }
}

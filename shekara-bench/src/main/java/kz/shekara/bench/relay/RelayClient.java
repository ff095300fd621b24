package kz.shekara.bench.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** One connection of the driver: a device (reads and counts) or the listener (also measures latency). */
final class RelayClient {
    /** What precedes the send time (System.nanoTime) in each report's remarks. */
    static final String MARK = "<remarks>t=";

    private final Socket socket;
    private final OutputStream out;
    private final boolean listener;
    private final AtomicLong received = new AtomicLong();
    private volatile boolean closed;
    private volatile long from = Long.MAX_VALUE;
    private volatile long to;
    private long[] lat = new long[1 << 16]; // guarded by this
    private int count; // guarded by this

    RelayClient(Socket socket, int index, boolean listener) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.listener = listener;
        Thread.ofVirtual().name("bench-read-" + index).start(this::read);
    }

    /** Events received so far. */
    long received() {
        return received.get();
    }

    /** True once the relay has closed this connection. */
    boolean closed() {
        return closed;
    }

    void close() throws IOException {
        socket.close();
    }

    void send(byte[] event) throws IOException {
        out.write(event);
        out.flush();
    }

    void window(long fromNanos, long toNanos) {
        from = fromNanos;
        to = toNanos;
    }

    synchronized void resetLatencies() {
        count = 0;
    }

    synchronized long[] latencies() {
        return Arrays.copyOf(lat, count);
    }

    private synchronized void record(long nanos) {
        if (count == lat.length) {
            lat = Arrays.copyOf(lat, lat.length * 2);
        }
        lat[count++] = nanos;
    }

    /** Counts events by their end tag; the listener also reads each one's send time. */
    private void read() {
        byte[] end = "</event>".getBytes(StandardCharsets.US_ASCII);
        byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[65_536];
        int matched = 0; // bytes of the end tag matched so far, across reads
        int marked = -1; // bytes of the mark matched, or -1; then digits follow
        long value = 0;
        try (InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
                    if (matched == end.length) {
                        matched = 0;
                        received.incrementAndGet();
                    }
                    if (!listener) {
                        continue;
                    }
                    if (marked == mark.length) {
                        if (b >= '0' && b <= '9') {
                            value = value * 10 + (b - '0');
                            continue;
                        }
                        if (value >= from && value < to) {
                            record(now - value);
                        }
                        marked = 0;
                        value = 0;
                    }
                    marked = b == mark[Math.max(marked, 0)] ? Math.max(marked, 0) + 1 : (b == mark[0] ? 1 : 0);
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            closed = true;
        }
    }
}

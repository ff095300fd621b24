package kz.shekara.bench.relay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of the relay benchmark: a CoT relay that does nothing but split each connection's
 * bytes at {@code </event>} and queue each event for every other connection, one reader and one
 * writer thread per connection. No parsing, validation, routing groups, log or markings.
 */
public final class BareRelay implements AutoCloseable {
    private static final byte[] END = "</event>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final List<Peer> peers = new CopyOnWriteArrayList<>();
    private final AtomicLong eventsIn = new AtomicLong();
    private final AtomicLong eventsOut = new AtomicLong();

    /** Relays on {@code server} (plain or TLS, bound already) until closed. */
    public BareRelay(ServerSocket server) {
        this.server = server;
        Thread.ofPlatform().daemon().name("bare-accept").start(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Peer p = new Peer(server.accept());
                peers.add(p);
                Thread.ofVirtual().start(p::read);
                Thread.ofVirtual().start(p::write);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Events split from the connections so far. */
    public long eventsIn() {
        return eventsIn.get();
    }

    /** Events written to the connections so far. */
    public long eventsOut() {
        return eventsOut.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Peer p : peers) {
            p.socket.close();
        }
    }

    private final class Peer {
        private final Socket socket;
        private final LinkedBlockingQueue<byte[]> out = new LinkedBlockingQueue<>();

        Peer(Socket socket) {
            this.socket = socket;
        }

        void read() {
            byte[] buf = new byte[65_536];
            int len = 0;
            try (InputStream in = socket.getInputStream()) {
                for (int n; (n = in.read(buf, len, buf.length - len)) >= 0; ) {
                    len += n;
                    int start = 0;
                    for (int end; (end = indexOfEnd(buf, start, len)) >= 0; start = end) {
                        byte[] event = java.util.Arrays.copyOfRange(buf, start, end);
                        eventsIn.incrementAndGet();
                        for (Peer p : peers) {
                            if (p != this) {
                                p.out.add(event);
                            }
                        }
                    }
                    System.arraycopy(buf, start, buf, 0, len - start);
                    len -= start;
                    if (len == buf.length) {
                        len = 0; // an event larger than the buffer: dropped
                    }
                }
            } catch (IOException e) {
                // gone
            } finally {
                peers.remove(this);
            }
        }

        void write() {
            List<byte[]> batch = new ArrayList<>();
            try (OutputStream o = new BufferedOutputStream(socket.getOutputStream(), 65_536)) {
                while (!socket.isClosed()) {
                    batch.add(out.take());
                    out.drainTo(batch);
                    for (byte[] b : batch) {
                        o.write(b);
                    }
                    o.flush();
                    eventsOut.addAndGet(batch.size());
                    batch.clear();
                }
            } catch (IOException e) {
                // gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The index just past the next {@code </event>} in [from, to), or -1. */
        private static int indexOfEnd(byte[] b, int from, int to) {
            outer:
            for (int i = from; i <= to - END.length; i++) {
                for (int k = 0; k < END.length; k++) {
                    if (b[i + k] != END[k]) {
                        continue outer;
                    }
                }
                return i + END.length;
            }
            return -1;
        }
    }
}

package kz.shekara.server.adapter.cot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TAK client on the streaming port: a reader (virtual thread: bytes → frames → the server's
 * inbound handler) and a writer (virtual thread draining this client's {@link ClientQueue}), so a
 * client that does not read stalls only its own writer. Its identity (uid, callsign, group) comes
 * from its own SA events. Thread-safe.
 */
final class CotConnection {
    /** What the connection hands its frames and fate to. */
    interface Handler {
        void frame(CotConnection from, CotDecoder decoder, byte[] buf, int off, int len);

        void oversized(CotConnection from, long bytes);

        /** Bytes that were no event, dropped before the next one. */
        void skipped(CotConnection from, long bytes);

        /** The client went away in the middle of an event: its first {@code bytes} were lost. */
        void truncated(CotConnection from, long bytes);

        void written(int events);

        void closed(CotConnection c);
    }

    private final Socket socket;
    private final Handler handler;
    private final ClientQueue queue;
    private final int maxEventBytes;
    private final String remote;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String uid;
    private volatile String callsign;
    private volatile String group;

    CotConnection(Socket socket, Handler handler, int queueCapacity, int maxEventBytes) {
        this.socket = socket;
        this.handler = handler;
        this.queue = new ClientQueue(queueCapacity);
        this.maxEventBytes = maxEventBytes;
        this.remote = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    void start() {
        Thread.ofVirtual().name("cot-read-" + remote).start(this::read);
        Thread.ofVirtual().name("cot-write-" + remote).start(this::write);
    }

    /** Queues an encoded event for this client; false when the client is gone or too slow (then it is closed). */
    ClientQueue.Offer send(byte[] event, String supersedeKey) {
        ClientQueue.Offer o = queue.offer(event, supersedeKey);
        if (o == ClientQueue.Offer.FULL) {
            close();
        }
        return o;
    }

    /** Learns who this client is from an event it sent: its SA (with {@code __group}) or its first friendly contact. */
    void identify(CotEvent e) {
        CotDetail d = e.detail();
        if (d.groupName() != null && e.type().startsWith("a-")) {
            uid = e.uid();
            callsign = d.callsign() != null ? d.callsign() : e.uid();
            group = d.groupName();
        } else if (uid == null && e.type().startsWith("a-f") && d.callsign() != null) {
            uid = e.uid();
            callsign = d.callsign();
        }
    }

    String uid() {
        return uid;
    }

    String callsign() {
        return callsign;
    }

    /** The client's team, or "" (the default group) before it has named one. */
    String groupOrDefault() {
        String g = group;
        return g == null ? "" : g;
    }

    ConnectedClient snapshot() {
        return new ConnectedClient(uid, callsign, group, remote);
    }

    int queued() {
        return queue.size();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.close();
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            handler.closed(this);
        }
    }

    private void read() {
        CotFramer framer = new CotFramer(maxEventBytes);
        CotDecoder decoder = new CotDecoder(maxEventBytes);
        CotFramer.Sink sink = new CotFramer.Sink() {
            @Override
            public void frame(byte[] buf, int off, int len) {
                handler.frame(CotConnection.this, decoder, buf, off, len);
            }

            @Override
            public void oversized(long bytes) {
                handler.oversized(CotConnection.this, bytes);
            }

            @Override
            public void skipped(long bytes) {
                handler.skipped(CotConnection.this, bytes);
            }
        };
        byte[] buf = new byte[16_384];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                framer.feed(buf, 0, n, sink);
            }
        } catch (IOException e) {
            // reset or closed: the client is gone
        } finally {
            if (framer.truncated() > 0) {
                handler.truncated(this, framer.truncated());
            }
            close();
        }
    }

    private void write() {
        List<byte[]> batch = new ArrayList<>();
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65_536)) {
            while (queue.drainTo(batch)) {
                for (byte[] b : batch) {
                    out.write(b);
                }
                out.flush();
                handler.written(batch.size());
                batch.clear();
            }
        } catch (IOException e) {
            // the client is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    @Override
    public String toString() {
        return "cot client " + remote + (uid == null ? "" : " " + uid);
    }
}

package kz.shekara.server.adapter.cot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import kz.shekara.server.adapter.DecodeException;

/**
 * One TAK client on the streaming port: a reader (virtual thread: bytes → frames → the server's
 * inbound handler) and a writer (virtual thread draining this client's {@link ClientQueue}), so a
 * client that does not read stalls only its own writer. Its routing groups come from the input it
 * connected on ({@link #ANONYMOUS} on plain TCP, its certificate's agency on TLS) and never change;
 * its device identity (uid, callsign, team colour) comes from its own SA events. Thread-safe.
 */
final class CotConnection {
    /** What the connection hands its frames and fate to. */
    interface Handler {
        void frame(CotConnection from, CotDecoder decoder, byte[] buf, int off, int len);

        void oversized(CotConnection from, long bytes);


        void written(int events);

        void closed(CotConnection c);

        /** Input that cannot be framed or parsed as TAK protocol v1. */
        void rejected(CotConnection from, DecodeException e);
    }

    /** Queued after the answer that agrees on TAK protocol v1: the writer sends protobuf from there on. */
    private static final byte[] SWITCH_TO_V1 = new byte[0];

    /**
     * The least time between two writes to a TLS client. Each write is a TLS record (its own cipher
     * set-up, system call and read at the other end), which costs several times the event it carries;
     * under load a client's events arrive faster than that, so they go out a few to a record instead
     * of one each. A client written to less often than this waits for nothing.
     */
    static final java.time.Duration TLS_FLUSH_GAP = java.time.Duration.ofMillis(4);

    /** The one routing group of every client of an unauthenticated input (TAK Server's name for it). */
    static final String ANONYMOUS = "__ANON__";

    /** The groups of every client of an unauthenticated input: one set, so relaying among them compares it by identity. */
    static final Set<String> ANONYMOUS_GROUPS = Set.of(ANONYMOUS);

    private final Socket socket;
    private final Set<String> groups;
    private final String agency;
    private final String subject;
    private final Handler handler;
    private final ClientQueue queue;
    private final int maxEventBytes;
    private final long flushGapNanos;
    private final String remote;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.concurrent.Semaphore unlogged = CotPublisher.window();
    private volatile String uid;
    private volatile String callsign;
    private volatile String group;
    private volatile boolean v1InputAgreed;
    private volatile boolean v1;
    /** The time this client has kept its reader waiting, for the timeouts. */
    private final ClientTime time = new ClientTime();
    /** Set by the reader when a frame completes during the read being handled. */
    private boolean framed;

    /**
     * @param agency  the agency of the client's certificate, or null on plain TCP (then its group is {@link #ANONYMOUS})
     * @param named   further routing groups (its account's groups; empty on plain TCP)
     * @param subject the certificate's subject, or null on plain TCP
     * @param flushGap the least time between two writes to the socket (zero: write as soon as anything
     *                 is queued); what is queued meanwhile goes out in the next write
     */
    CotConnection(Socket socket, Handler handler, int queueCapacity, int maxEventBytes, String agency,
                  Set<String> named, String subject, java.time.Duration flushGap) {
        this.socket = socket;
        this.agency = agency;
        this.subject = subject;
        this.groups = agency == null ? ANONYMOUS_GROUPS : with(agency, named);
        this.handler = handler;
        this.queue = new ClientQueue(queueCapacity);
        this.maxEventBytes = maxEventBytes;
        this.flushGapNanos = flushGap.toNanos();
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
            dropSlow();
        }
        return o;
    }

    /**
     * Closes a client that stopped reading without waiting for it: its writer is blocked in a write
     * holding the connection, and a TLS close would wait for that write to end (to send its
     * close_notify) on the thread relaying to everyone else. With a zero linger the TLS socket gives up
     * the close_notify at once and the connection is reset, which is all a stalled device can be told.
     */
    private void dropSlow() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closed already: close() below finds it so
        }
        close();
    }

    /**
     * The uid this client announces as its own with {@code e} (its SA with {@code __group}, or its first
     * friendly contact), or null when {@code e} is about something else.
     */
    String announcedUid(CotEvent e) {
        CotDetail d = e.detail();
        if (d.groupName() != null && e.type().startsWith("a-")) {
            return e.uid();
        }
        return uid == null && e.type().startsWith("a-f") && d.callsign() != null ? e.uid() : null;
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

    private static Set<String> with(String agency, Set<String> named) {
        java.util.Set<String> all = new java.util.TreeSet<>(named);
        all.add(agency);
        return Set.copyOf(all);
    }

    /** The routing groups this client is in: the anonymous group, or its agency and its account's groups. */
    Set<String> groups() {
        return groups;
    }

    /** True when this client is in at least one of {@code others}. */
    boolean sharesGroup(Set<String> others) {
        if (others == groups) {
            return true;
        }
        for (String g : groups) {
            if (others.contains(g)) {
                return true;
            }
        }
        return false;
    }

    /** The agency of the client's certificate, or null on plain TCP. */
    String agency() {
        return agency;
    }

    /** The certificate's subject (RFC 2253), or null on plain TCP. */
    String subject() {
        return subject;
    }

    /** True on the TLS input (the client proved who it is with a certificate). */
    boolean authenticated() {
        return subject != null;
    }

    /**
     * Switches this client to TAK protocol v1 after the answer just queued: what is queued after it
     * is written as protobuf, what it sends after the frame being handled is read as protobuf. Call
     * from the reader (while its query is handled), once.
     */
    void switchToV1() {
        v1InputAgreed = true;
        v1 = true;
        queue.offer(SWITCH_TO_V1, null);
    }

    /** True once this client speaks TAK protocol v1. */
    boolean speaksV1() {
        return v1;
    }

    String uid() {
        return uid;
    }

    String callsign() {
        return callsign;
    }

    ConnectedClient snapshot() {
        return new ConnectedClient(uid, callsign, group, remote, groups, subject);
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** The socket this client is connected on. */
    Socket socket() {
        return socket;
    }

    /**
     * Why this client has outstayed its welcome at {@code nowNanos} (System.nanoTime): {@code idle-timeout}
     * after no byte for {@code idleNanos}, {@code event-timeout} when bytes of an event have been pending
     * for {@code eventNanos}; null while neither. Only the time its reader waited for it counts
     * ({@link ClientTime}), not the time the server held its reader.
     */
    String expired(long nowNanos, long idleNanos, long eventNanos) {
        return time.expired(nowNanos, idleNanos, eventNanos);
    }

    /**
     * Notes a read once handled, before the reader waits for the client again: whether it completed an
     * event ({@link #framed}) and left part of the next held.
     */
    private void readDone(boolean partialLeft) {
        time.handled(framed, partialLeft);
        framed = false;
        time.waiting(System.nanoTime());
    }

    /** This client's events handed to the event log and not yet stored ({@link CotPublisher}). */
    java.util.concurrent.Semaphore unlogged() {
        return unlogged;
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
                framed = true;
                handler.frame(CotConnection.this, decoder, buf, off, len);
                if (v1InputAgreed) {
                    framer.stop();
                }
            }

            @Override
            public void oversized(long bytes) {
                handler.oversized(CotConnection.this, bytes);
            }

            @Override
            public void skipped(long bytes) {
                handler.rejected(CotConnection.this,
                        new DecodeException("garbage", bytes + " bytes before an event were no event"));
            }
        };
        TakV1Framer v1Framer = null;
        TakV1Framer.Sink v1Sink = (buf, off, len) -> v1Message(decoder, buf, off, len);
        byte[] buf = new byte[16_384];
        try (InputStream in = socket.getInputStream()) {
            int n;
            time.waiting(System.nanoTime());
            while ((n = in.read(buf)) >= 0) {
                time.arrived(System.nanoTime());
                if (v1Framer != null) {
                    v1Framer.feed(buf, 0, n, v1Sink);
                    readDone(v1Framer.holdsPart());
                    continue;
                }
                framer.feed(buf, 0, n, sink);
                if (v1InputAgreed) {
                    v1Framer = new TakV1Framer(maxEventBytes);
                    byte[] rest = framer.takeRest();
                    v1Framer.feed(rest, 0, rest.length, v1Sink);
                }
                readDone(v1Framer == null ? framer.holdsPart() : v1Framer.holdsPart());
            }
        } catch (kz.shekara.server.adapter.DecodeException e) {
            handler.rejected(this, e);
        } catch (IOException e) {
            // reset or closed: the client is gone
        } finally {
            if (framer.truncated() > 0) {
                handler.rejected(this, new DecodeException("truncated", "closed " + framer.truncated() + " bytes into an event"));
            }
            close();
        }
    }

    /** One TAK protocol v1 message: its event goes on as XML; a message that does not parse is rejected. */
    private void v1Message(CotDecoder decoder, byte[] buf, int off, int len) {
        try {
            kz.shekara.server.adapter.cot.takproto.TakMessage m = kz.shekara.server.adapter.cot.takproto.TakMessage
                    .parseFrom(java.nio.ByteBuffer.wrap(buf, off, len));
            framed = true;
            if (m.hasCotEvent()) {
                byte[] xml = TakV1.xml(m.getCotEvent());
                handler.frame(this, decoder, xml, 0, xml.length);
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            handler.rejected(this, new kz.shekara.server.adapter.DecodeException("bad-protobuf", e.getMessage()));
        }
    }

    private void write() {
        List<byte[]> batch = new ArrayList<>();
        CotDecoder decoder = new CotDecoder(maxEventBytes);
        boolean protobuf = false;
        long lastWrite = System.nanoTime() - flushGapNanos;
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65_536)) {
            while (queue.drainTo(batch)) {
                long early = lastWrite + flushGapNanos - System.nanoTime();
                if (early > 0) { // written a moment ago: what arrives until the gap is over goes in this write
                    Thread.sleep(java.time.Duration.ofNanos(early));
                    queue.drainQueued(batch);
                }
                lastWrite = System.nanoTime();
                for (byte[] b : batch) {
                    if (b == SWITCH_TO_V1) {
                        protobuf = true;
                    } else if (protobuf) {
                        writeV1(out, decoder, b);
                    } else {
                        out.write(b);
                    }
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

    /** An encoded XML event as a TAK protocol v1 frame; one that does not decode is not sent. */
    private static void writeV1(OutputStream out, CotDecoder decoder, byte[] xml) throws IOException {
        try {
            out.write(TakV1.streamFrame(decoder.decode(xml), xml));
        } catch (kz.shekara.server.adapter.DecodeException e) {
            // Only this server's own encodings and accepted events are queued: none fails to decode.
        }
    }

    @Override
    public String toString() {
        return "cot client " + remote + (subject == null ? "" : " [" + subject + "]") + (uid == null ? "" : " " + uid);
    }
}

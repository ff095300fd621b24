package kz.shekara.server.adapter.cot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain-socket TAK client for tests: writes XML, collects every event it receives. */
final class TakTestClient implements AutoCloseable {
    private static final long WAIT_SECONDS = 20;

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CotDecoder decoder = new CotDecoder(1 << 20);
    private final java.util.concurrent.CountDownLatch readerDone = new java.util.concurrent.CountDownLatch(1);

    TakTestClient(int port) throws IOException {
        this(port, true);
    }

    /** @param reading false for a client that never reads (a stalled device) */
    TakTestClient(int port, boolean reading) throws IOException {
        socket = new Socket();
        if (!reading) {
            socket.setReceiveBufferSize(4096);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        out = socket.getOutputStream();
        if (reading) {
            Thread.ofVirtual().start(this::read);
        }
    }

    /** Over a socket connected already (a TLS one, say), reading. */
    TakTestClient(Socket connected) throws IOException {
        this(connected, true);
    }

    /** Over a socket connected already; @param reading false for a client that never reads */
    TakTestClient(Socket connected, boolean reading) throws IOException {
        socket = connected;
        out = socket.getOutputStream();
        if (reading) {
            Thread.ofVirtual().start(this::read);
        }
    }

    /** True once the server has closed the connection (or refused it); waits a bounded time. */
    boolean closedWithin(long seconds) throws InterruptedException {
        return readerDone.await(seconds, TimeUnit.SECONDS);
    }

    void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next received event as decoded CoT; fails after a bounded wait. */
    CotEvent next() throws Exception {
        String xml = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (xml == null) {
            throw new AssertionError("no event received within " + WAIT_SECONDS + " s");
        }
        return decoder.decode(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The next received event as decoded CoT, or null when none arrives within {@code seconds}. */
    CotEvent poll(long seconds) throws Exception {
        String xml = received.poll(seconds, TimeUnit.SECONDS);
        return xml == null ? null : decoder.decode(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The next received event as the XML the server wrote; fails after a bounded wait. */
    String nextXml() throws Exception {
        String xml = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (xml == null) {
            throw new AssertionError("no event received within " + WAIT_SECONDS + " s");
        }
        return xml;
    }

    /** The raw XML of every event received up to and including the next one of CoT type {@code type}. */
    java.util.List<String> xmlUpToType(String type) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        String xml;
        do {
            xml = nextXml();
            out.add(xml);
        } while (!decoder.decode(xml.getBytes(StandardCharsets.UTF_8)).type().equals(type));
        return out;
    }

    /** The next event whose uid is {@code uid}, skipping others (returned skipped count via the queue). */
    CotEvent nextWithUid(String uid) throws Exception {
        while (true) {
            CotEvent e = next();
            if (e.uid().equals(uid)) {
                return e;
            }
        }
    }

    /** Events received and not yet taken. */
    int pending() {
        return received.size();
    }

    /** Resets the connection abruptly (RST), as a device losing power does. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    boolean isClosedByServer() throws IOException {
        socket.setSoTimeout(20_000);
        try {
            InputStream in = socket.getInputStream();
            byte[] b = new byte[65_536];
            while (true) {
                if (in.read(b) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private void read() {
        StringBuilder pending = new StringBuilder();
        byte[] b = new byte[16_384];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(b)) >= 0) {
                pending.append(new String(b, 0, n, StandardCharsets.UTF_8));
                int end;
                while ((end = pending.indexOf("</event>")) >= 0) {
                    String event = pending.substring(0, end + 8).strip();
                    // The server's offer of TAK protocol v1, sent on connect: an XML client ignores it.
                    if (!event.contains("type=\"t-x-takp-v\"")) {
                        received.add(event);
                    }
                    pending.delete(0, end + 8);
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            readerDone.countDown();
        }
    }

    /** Closes {@code clients}, then the server (when started) and the bus, as a test's teardown does. */
    static void closeAll(java.util.List<TakTestClient> clients, CotServer server, kz.shekara.server.bus.Bus bus)
            throws IOException {
        for (TakTestClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
        bus.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

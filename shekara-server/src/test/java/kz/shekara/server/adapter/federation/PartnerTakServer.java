package kz.shekara.server.adapter.federation;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A partner's TAK server as far as the federation link can tell: a TLS listener on 127.0.0.1 that
 * requires a client certificate its context trusts, and records every byte and every client
 * certificate subject that reaches it.
 */
final class PartnerTakServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final StringBuffer received = new StringBuffer();
    private final List<String> subjects = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    PartnerTakServer(SSLContext context) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Everything received so far, over every connection. */
    String received() {
        return received.toString();
    }

    /** The certificate subjects of the clients that completed a handshake, in order. */
    List<String> subjects() {
        return List.copyOf(subjects);
    }

    /** Closes every open connection (the partner's server dropping us). */
    void dropAll() throws IOException {
        for (Socket s : open) {
            s.close();
        }
    }

    /** Waits until {@code text} has been received, up to {@code limit}; true when it has. */
    boolean await(String text, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!received().contains(text)) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                Thread.ofVirtual().start(() -> read(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(SSLSocket s) {
        byte[] buf = new byte[8192];
        try (s; InputStream in = s.getInputStream()) {
            s.startHandshake();
            subjects.add(s.getSession().getPeerPrincipal().getName());
            open.add(s);
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // a refused handshake or a dropped connection
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropAll();
    }
}

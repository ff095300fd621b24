package kz.shekara.server;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.adapter.cot.cert.ClientFiles;

/**
 * A TAK device on the TLS streaming port for server tests: connects with the .p12 files
 * {@code certs issue} writes (password {@code atakatak}), sends CoT XML and reads what the server
 * writes as text.
 */
final class TlsTestClient implements AutoCloseable {
    private final SSLSocket socket;
    private final StringBuilder received = new StringBuilder();

    private TlsTestClient(SSLSocket socket) {
        this.socket = socket;
    }

    /** Issues {@code user} of {@code agency} a certificate from {@code ca} into {@code dir} and connects to {@code port}. */
    static TlsTestClient issueAndConnect(CertificateAuthority ca, String user, String agency, Path dir, int port)
            throws Exception {
        Path out = dir.resolve("certs-" + user);
        ClientFiles.write(ca.issue(user, agency), out, "atakatak", "localhost", port);
        return connect(out, user, port);
    }

    static TlsTestClient connect(Path out, String user, int port) throws Exception {
        SSLSocket s = kz.shekara.server.adapter.cot.TestTls.socket(out, user, port);
        s.startHandshake();
        return new TlsTestClient(s);
    }

    void send(String xml) throws IOException {
        socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /**
     * Reads until the text received so far contains {@code wanted}; false when the connection ends or
     * {@code limit} passes first.
     */
    boolean awaitText(String wanted, Duration limit) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        byte[] buf = new byte[8192];
        while (received.indexOf(wanted) < 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                int n = socket.getInputStream().read(buf);
                if (n < 0) {
                    return false;
                }
                received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
        return true;
    }

    /** True when the server closes the connection before {@code limit} passes (what arrives first is read and kept). */
    boolean closedWithin(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        byte[] buf = new byte[8192];
        try {
            while (System.nanoTime() < end) {
                socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
                int n = socket.getInputStream().read(buf);
                if (n < 0) {
                    return true;
                }
                received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset or TLS close: gone
        }
    }

    /** Everything read so far. */
    String received() {
        return received.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

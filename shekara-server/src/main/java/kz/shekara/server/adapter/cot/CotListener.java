package kz.shekara.server.adapter.cot;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts streaming clients on one bound port and hands each to the server with who it is: on plain
 * TCP nobody (the anonymous group); on TLS the subject and agency (the O of the subject) of the
 * client certificate the handshake verified. The handshake runs on the client's own virtual thread
 * with a time limit, so a client that stalls it holds up no one. Every accepted socket first passes
 * the {@link Gate} (the connection caps), before any handshake; one that fails the handshake leaves
 * it again. One platform thread.
 */
final class CotListener implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CotListener.class);
    private static final int HANDSHAKE_TIMEOUT_MS = 15_000;

    /** Where accepted clients go. */
    interface Admission {
        /** @param groups routing groups beyond the agency (those of the certificate's account), empty when none */
        void admit(Socket socket, String agency, java.util.Set<String> groups, String subject);
    }

    /** Lets a socket in (false: it has been closed and counted) and is told when one let in has gone. */
    interface Gate {
        boolean enter(Socket socket);

        void left(Socket socket);
    }

    private final ServerSocket serverSocket;
    private final Gate gate;
    private final Admission admission;
    private final Consumer<String> handshakeFailed;

    /** @param handshakeFailed told the reason of a TLS handshake that failed other than by the client certificate */
    CotListener(ServerSocket serverSocket, Gate gate, Admission admission, Consumer<String> handshakeFailed) {
        this.serverSocket = Objects.requireNonNull(serverSocket, "serverSocket");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.handshakeFailed = Objects.requireNonNull(handshakeFailed, "handshakeFailed");
    }

    @Override
    public void run() {
        while (!serverSocket.isClosed()) {
            try {
                Socket s = serverSocket.accept();
                s.setTcpNoDelay(true);
                if (!gate.enter(s)) {
                    continue;
                }
                if (s instanceof SSLSocket tls) {
                    Thread.ofVirtual().name("cot-tls-handshake").start(() -> handshake(tls));
                } else {
                    admission.admit(s, null, java.util.Set.of(), null);
                }
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.warn("CoT accept failed: {}", e.toString());
                }
            }
        }
    }

    private void handshake(SSLSocket s) {
        try {
            s.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            s.startHandshake();
            s.setSoTimeout(0);
            Certificate[] chain = s.getSession().getPeerCertificates();
            X509Certificate cert = (X509Certificate) chain[0];
            String subject = cert.getSubjectX500Principal().getName();
            admission.admit(s, agencyOf(subject), java.util.Set.of(), subject);
        } catch (SSLException e) {
            // A refused certificate is counted and logged by the trust check; anything else here.
            handshakeFailed.accept(e.getMessage() == null ? e.toString() : e.getMessage());
            closeQuietly(s);
            gate.left(s);
        } catch (IOException | RuntimeException e) {
            handshakeFailed.accept(e.toString());
            closeQuietly(s);
            gate.left(s);
        }
    }

    /** The O (organisation: the agency) of an RFC 2253 subject, or the CN when it has none. */
    static String agencyOf(String subject) {
        if (!CertificateAccounts.readable(subject)) {
            return subject;
        }
        String o = CertificateAccounts.part(subject, "O");
        return o != null ? o : CertificateAccounts.userOf(subject);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone
        }
    }
}

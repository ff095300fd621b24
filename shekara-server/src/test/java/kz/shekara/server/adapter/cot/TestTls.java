package kz.shekara.server.adapter.cot;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A TAK device's TLS side in tests: the files {@code certs issue} writes ({@code U.p12}, {@code truststore.p12}, password {@code atakatak}). */
public final class TestTls {
    private TestTls() {
    }

    /** A socket to 127.0.0.1:{@code port} presenting {@code user}'s certificate from {@code out}, not yet handshaken. */
    public static SSLSocket socket(Path out, String user, int port) throws Exception {
        char[] pw = "atakatak".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(out.resolve(user + ".p12"))) {
            keys.load(in, pw);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(out.resolve("truststore.p12"))) {
            trust.load(in, pw);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, pw);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
    }
}

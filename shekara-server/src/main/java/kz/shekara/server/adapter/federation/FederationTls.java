package kz.shekara.server.adapter.federation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import kz.shekara.server.config.FederationConfig;

/**
 * The TLS context of one federation link: our client certificate and key from the partner entry's
 * PKCS#12 file, and trust in nothing but the certificate authorities of its truststore (the
 * partner's), so a server that cannot show a certificate of the partner's authority is refused.
 */
final class FederationTls {
    private FederationTls() {
    }

    /** The context for {@code partner}; an exception naming the file that cannot be read. */
    static SSLContext context(FederationConfig.Partner partner) throws IOException, GeneralSecurityException {
        KeyStore keys = load(Path.of(partner.certificate()), partner.password());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, partner.password().toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(Path.of(partner.truststore()), partner.truststorePassword()));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return ks;
    }
}

package kz.shekara.server.adapter.cot.cert;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS server's trust in client certificates: one signed by Shekara's CA, within its validity,
 * and registered in the authority's index as not revoked. Anything else is refused at the handshake
 * and reported with its subject: {@code unknown} (another issuer, a bad signature, not registered),
 * {@code revoked} or {@code expired}. Reads the index at each handshake, so a revocation takes effect
 * on the running server. Thread-safe.
 */
public final class ClientTrust implements X509TrustManager {
    /** Told of each refused client certificate. */
    public interface Refusals {
        void refused(String reason, String subject);
    }

    private final X509Certificate ca;
    private final CertIndex index;
    private final Clock clock;
    private final Refusals refusals;

    ClientTrust(X509Certificate ca, CertIndex index, Clock clock, Refusals refusals) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refuse("unknown", "(no certificate)");
        }
        X509Certificate cert = chain[0];
        String subject = cert.getSubjectX500Principal().getName();
        try {
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw refuse("unknown", subject);
        }
        try {
            cert.checkValidity(Date.from(clock.instant()));
        } catch (CertificateException e) {
            throw refuse("expired", subject);
        }
        Optional<CertIndex.Entry> entry = index.find(cert.getSerialNumber());
        if (entry.isEmpty()) {
            throw refuse("unknown", subject);
        }
        if (entry.get().revoked()) {
            throw refuse("revoked", subject);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server certificate is not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {ca};
    }

    private CertificateException refuse(String reason, String subject) {
        refusals.refused(reason, subject);
        return new CertificateException("client certificate " + reason + ": " + subject);
    }
}

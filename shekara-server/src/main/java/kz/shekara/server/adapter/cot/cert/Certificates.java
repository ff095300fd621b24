package kz.shekara.server.adapter.cot.cert;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the authority's keys and certificates with Bouncy Castle: RSA 2048 keys, SHA-256 with RSA
 * signatures, random 128-bit serials; the CA certificate (basic constraints CA, key and CRL signing),
 * the server's (TLS server authentication, subject alternative names) and clients' (TLS client
 * authentication, subject CN = user, O = agency). Stateless.
 */
final class Certificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    static X500Name name(String cn, String organisation) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (organisation != null) {
            b.addRDN(BCStyle.O, organisation);
        }
        return b.addRDN(BCStyle.CN, cn).build();
    }

    static X509Certificate ca(KeyPair keys, X500Name name, Instant from, Duration life) throws GeneralSecurityException {
        try {
            X509v3CertificateBuilder b = builder(name, keys, name, from, life)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return sign(b, keys.getPrivate());
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A server certificate for {@code hosts} (names or IP addresses). */
    static X509Certificate server(KeyPair keys, X500Name subject, List<String> hosts, X509Certificate ca, PrivateKey caKey,
                                  Instant from, Duration life) throws GeneralSecurityException {
        try {
            GeneralName[] names = hosts.stream().map(h -> new GeneralName(
                    h.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName, h)).toArray(GeneralName[]::new);
            X509v3CertificateBuilder b = builder(issuer(ca), keys, subject, from, life)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            return sign(b, caKey);
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    static X509Certificate client(KeyPair keys, X500Name subject, X509Certificate ca, PrivateKey caKey, Instant from,
                                  Duration life) throws GeneralSecurityException {
        try {
            X509v3CertificateBuilder b = builder(issuer(ca), keys, subject, from, life)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return sign(b, caKey);
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X500Name issuer(X509Certificate ca) {
        return X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, KeyPair keys, X500Name subject, Instant from,
                                                    Duration life) {
        BigInteger serial = new BigInteger(128, RANDOM);
        // A minute's grace before now, for clocks a little behind the server's.
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(from.minusSeconds(60)),
                Date.from(from.plus(life)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}

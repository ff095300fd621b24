package kz.shekara.server.adapter.cot.cert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Shekara's built-in certificate authority for TAK clients, kept in {@code <dataDir>/ca/}: the CA's
 * certificate and key ({@code ca.pem}, {@code ca.key}), the streaming server's ({@code server.pem},
 * {@code server.key}, for localhost, 127.0.0.1 and this host's name) and the register of issued
 * client certificates ({@code index.tsv}). It issues a client certificate per user (CN = user,
 * O = agency: the client's routing group on TLS), revokes a user's certificates, and gives the
 * server's TLS context, which accepts only certificates it issued and has not revoked. Keys are RSA
 * 2048; the CA lives 10 years, the server's certificate 5, clients' 2. Not thread-safe for writes
 * (one {@code certs} command at a time); the server's trust re-reads the register on each handshake.
 */
public final class CertificateAuthority {
    /** The password TAK tools expect on .p12 files unless told otherwise. */
    public static final String DEFAULT_PASSWORD = "atakatak";
    private static final Duration CA_LIFE = Duration.ofDays(3650);
    private static final Duration SERVER_LIFE = Duration.ofDays(1825);
    private static final Duration CLIENT_LIFE = Duration.ofDays(730);

    /** A client certificate just issued, with its key and the CA's certificate. */
    public record Issued(String user, String agency, X509Certificate certificate, PrivateKey key, X509Certificate ca) {
    }

    /** One line of {@link #list()}: an issued certificate and whether it is revoked. */
    public record Listed(String user, String agency, String serialHex, boolean revoked, java.time.Instant notAfter,
                         String subject) {
    }

    private final Path dir;
    private final Clock clock;
    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final CertIndex index;

    private CertificateAuthority(Path dir, Clock clock) throws IOException {
        this.dir = dir;
        this.clock = clock;
        this.ca = Pem.readCertificate(dir.resolve("ca.pem"));
        this.caKey = Pem.readKey(dir.resolve("ca.key"));
        this.index = new CertIndex(dir.resolve("index.tsv"));
    }

    /** True when {@code dataDir} holds a certificate authority. */
    public static boolean exists(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve("ca").resolve("ca.pem"));
    }

    /** Creates the authority in {@code dataDir} unless it is there already (then opens it). */
    public static CertificateAuthority init(Path dataDir, Clock clock) throws IOException, GeneralSecurityException {
        Path dir = dataDir.resolve("ca");
        if (!exists(dataDir)) {
            Files.createDirectories(dir);
            KeyPair caKeys = Certificates.keyPair();
            X509Certificate caCert = Certificates.ca(caKeys, Certificates.name("Shekara CA", "Shekara"),
                    clock.instant(), CA_LIFE);
            KeyPair serverKeys = Certificates.keyPair();
            X509Certificate server = Certificates.server(serverKeys, Certificates.name("shekara-server", "Shekara"),
                    serverHosts(), caCert, caKeys.getPrivate(), clock.instant(), SERVER_LIFE);
            Pem.writeKey(dir.resolve("server.key"), serverKeys.getPrivate());
            Pem.writeCertificate(dir.resolve("server.pem"), server);
            Pem.writeKey(dir.resolve("ca.key"), caKeys.getPrivate());
            // The CA certificate last: its presence means the authority is complete.
            Pem.writeCertificate(dir.resolve("ca.pem"), caCert);
        }
        return open(dataDir, clock);
    }

    /** The authority in {@code dataDir}; {@link IOException} when there is none. */
    public static CertificateAuthority open(Path dataDir, Clock clock) throws IOException {
        if (!exists(dataDir)) {
            throw new IOException("no certificate authority in " + dataDir + " (run: shekara certs init --data-dir "
                    + dataDir + ")");
        }
        return new CertificateAuthority(dataDir.resolve("ca"), Objects.requireNonNull(clock, "clock"));
    }

    public X509Certificate certificate() {
        return ca;
    }

    /**
     * Makes the streaming server's certificate name {@code host} (the address a data package tells devices
     * to connect to), so that a device checking the server's name accepts it: when the certificate lacks
     * it, a new one with the same key and every earlier name plus {@code host} replaces it (the server
     * reads it at its next start). Returns whether it was replaced.
     */
    public boolean serveAs(String host) throws IOException, GeneralSecurityException {
        X509Certificate current = Pem.readCertificate(dir.resolve("server.pem"));
        List<String> names = new ArrayList<>();
        java.util.Collection<List<?>> sans = current.getSubjectAlternativeNames();
        if (sans != null) {
            sans.forEach(n -> names.add(String.valueOf(n.get(1))));
        }
        if (names.stream().anyMatch(n -> n.equalsIgnoreCase(host))) {
            return false;
        }
        names.add(host);
        PrivateKey key = Pem.readKey(dir.resolve("server.key"));
        KeyPair keys = new KeyPair(current.getPublicKey(), key);
        Pem.writeCertificate(dir.resolve("server.pem"), Certificates.server(keys,
                Certificates.name("shekara-server", "Shekara"), names, ca, caKey, clock.instant(), SERVER_LIFE));
        return true;
    }

    /** Issues a client certificate for {@code user} of {@code agency} and registers it. */
    public Issued issue(String user, String agency) throws GeneralSecurityException {
        if (user == null || !user.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("user must be 1-64 letters, digits, '.', '_' or '-': " + user);
        }
        if (agency == null || agency.isBlank() || agency.contains("\t")) {
            throw new IllegalArgumentException("agency must be named: " + agency);
        }
        KeyPair keys = Certificates.keyPair();
        X509Certificate cert = Certificates.client(keys, Certificates.name(user, agency), ca, caKey, clock.instant(),
                CLIENT_LIFE);
        index.add(new CertIndex.Entry(cert.getSerialNumber(), user, agency, false, cert.getNotAfter().toInstant(),
                cert.getSubjectX500Principal().getName()));
        return new Issued(user, agency, cert, keys.getPrivate(), ca);
    }

    /** Revokes every valid certificate of {@code user}; returns how many (0 when none). */
    public int revoke(String user) {
        return index.revoke(user);
    }

    /** Every certificate issued, in issue order. */
    public List<Listed> list() {
        List<Listed> out = new ArrayList<>();
        for (CertIndex.Entry e : index.entries()) {
            out.add(new Listed(e.user(), e.agency(), e.serial().toString(16), e.revoked(), e.notAfter(), e.subject()));
        }
        return out;
    }

    /**
     * The streaming server's TLS context: its own certificate, and trust in the client certificates
     * this authority issued and has not revoked; each refusal goes to {@code refusals}.
     */
    public SSLContext serverContext(ClientTrust.Refusals refusals) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "server".toCharArray();
        ks.setKeyEntry("server", Pem.readKey(dir.resolve("server.key")), pw,
                new Certificate[] {Pem.readCertificate(dir.resolve("server.pem")), ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {new ClientTrust(ca, index, clock, refusals)}, null);
        return ctx;
    }

    private static List<String> serverHosts() {
        List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (!hosts.contains(name)) {
                hosts.add(name);
            }
        } catch (UnknownHostException e) {
            // localhost only
        }
        return hosts;
    }

}

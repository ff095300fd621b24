package kz.shekara.server.adapter.cot.cert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes what a device needs to connect with an issued certificate: {@code U.pem}, {@code U.key},
 * {@code U.p12} (key and chain), {@code ca.pem}, {@code truststore.p12} (the CA), and {@code U-atak.zip},
 * an ATAK/iTAK data package: {@code MANIFEST/manifest.xml}, {@code certs/U.pref} (one TLS stream
 * {@code host:port:ssl}, the certificate locations and passwords) and both .p12 files under
 * {@code certs/}. Stateless.
 */
public final class ClientFiles {
    private ClientFiles() {
    }

    /** Writes the files into {@code out} (created when missing); returns their paths in the order above. */
    public static List<Path> write(CertificateAuthority.Issued issued, Path out, String password, String host, int port)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(out);
        String u = issued.user();
        char[] pw = password.toCharArray();
        List<Path> written = new ArrayList<>();
        Path pem = out.resolve(u + ".pem");
        Pem.writeCertificate(pem, issued.certificate());
        Path key = out.resolve(u + ".key");
        Pem.writeKey(key, issued.key());
        KeyStore client = KeyStore.getInstance("PKCS12");
        client.load(null, null);
        client.setKeyEntry(u, issued.key(), pw, new Certificate[] {issued.certificate(), issued.ca()});
        byte[] clientP12 = bytes(client, pw);
        Path p12 = Files.write(out.resolve(u + ".p12"), clientP12);
        Path caPem = out.resolve("ca.pem");
        Pem.writeCertificate(caPem, issued.ca());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("shekara-ca", issued.ca());
        byte[] trustP12 = bytes(trust, pw);
        Path truststore = Files.write(out.resolve("truststore.p12"), trustP12);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("MANIFEST/manifest.xml", manifest(u).getBytes(StandardCharsets.UTF_8));
        entries.put("certs/" + u + ".pref", pref(u, password, host, port).getBytes(StandardCharsets.UTF_8));
        entries.put("certs/truststore.p12", trustP12);
        entries.put("certs/" + u + ".p12", clientP12);
        Path zip = out.resolve(u + "-atak.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        written.addAll(List.of(pem, key, p12, caPem, truststore, zip));
        return written;
    }

    /** The data package manifest (version 2): a stable uid per user, every file listed. */
    static String manifest(String user) {
        String uid = UUID.nameUUIDFromBytes(("shekara-enrolment-" + user).getBytes(StandardCharsets.UTF_8)).toString();
        return """
                <MissionPackageManifest version="2">
                  <Configuration>
                    <Parameter name="uid" value="%s"/>
                    <Parameter name="name" value="%s-atak"/>
                    <Parameter name="onReceiveDelete" value="true"/>
                  </Configuration>
                  <Contents>
                    <Content ignore="false" zipEntry="certs/%s.pref"/>
                    <Content ignore="false" zipEntry="certs/truststore.p12"/>
                    <Content ignore="false" zipEntry="certs/%s.p12"/>
                  </Contents>
                </MissionPackageManifest>
                """.formatted(uid, xml(user), xml(user), xml(user));
    }

    /** ATAK preferences: one enabled TLS stream and where its certificates are, with their passwords. */
    static String pref(String user, String password, String host, int port) {
        return """
                <?xml version='1.0' standalone='yes'?>
                <preferences>
                  <preference version="1" name="cot_streams">
                    <entry key="count" class="class java.lang.Integer">1</entry>
                    <entry key="description0" class="class java.lang.String">Shekara</entry>
                    <entry key="enabled0" class="class java.lang.Boolean">true</entry>
                    <entry key="connectString0" class="class java.lang.String">%s:%d:ssl</entry>
                  </preference>
                  <preference version="1" name="com.atakmap.app_preferences">
                    <entry key="displayServerConnectionWidget" class="class java.lang.Boolean">true</entry>
                    <entry key="caLocation" class="class java.lang.String">cert/truststore.p12</entry>
                    <entry key="caPassword" class="class java.lang.String">%s</entry>
                    <entry key="clientPassword" class="class java.lang.String">%s</entry>
                    <entry key="certificateLocation" class="class java.lang.String">cert/%s.p12</entry>
                  </preference>
                </preferences>
                """.formatted(xml(host), port, xml(password), xml(password), xml(user));
    }

    private static byte[] bytes(KeyStore ks, char[] pw) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = b) {
            ks.store(o, pw);
        }
        return b.toByteArray();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}

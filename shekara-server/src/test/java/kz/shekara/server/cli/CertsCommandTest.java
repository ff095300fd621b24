package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shekara certs}: the authority once, an issued certificate's files and data package, list and revoke. */
class CertsCommandTest {
    @TempDir
    Path dir;

    private String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        assertThat(cl.execute(args)).as(out.toString()).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void initIssueListRevokeAndTheDataPackageNamesTheTlsStream() throws Exception {
        String data = dir.resolve("data").toString();
        assertThat(run(0, "certs", "init", "--data-dir", data)).startsWith("created:");
        String caPem = Files.readString(dir.resolve("data/ca/ca.pem"));
        assertThat(run(0, "certs", "init", "--data-dir", data)).as("idempotent").startsWith("exists:");
        assertThat(Files.readString(dir.resolve("data/ca/ca.pem"))).isEqualTo(caPem);

        Path out = dir.resolve("alpha");
        run(0, "certs", "issue", "--user", "alpha", "--agency", "kz-bs", "--out", out.toString(), "--host",
                "tak.example.kz", "--data-dir", data);
        for (String f : new String[] {"alpha.pem", "alpha.key", "alpha.p12", "ca.pem", "truststore.p12", "alpha-atak.zip"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(out.resolve("alpha.p12"))) {
            p12.load(in, "atakatak".toCharArray());
        }
        X509Certificate cert = (X509Certificate) p12.getCertificate("alpha");
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=alpha,O=kz-bs");

        Map<String, byte[]> zip = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(out.resolve("alpha-atak.zip")))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                zip.put(e.getName(), z.readAllBytes());
            }
        }
        assertThat(zip.keySet()).containsExactlyInAnyOrder("MANIFEST/manifest.xml", "certs/alpha.pref",
                "certs/truststore.p12", "certs/alpha.p12");
        String manifest = new String(zip.get("MANIFEST/manifest.xml"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("zipEntry=\"certs/alpha.pref\"").contains("zipEntry=\"certs/alpha.p12\"")
                .contains("zipEntry=\"certs/truststore.p12\"");
        String pref = new String(zip.get("certs/alpha.pref"), StandardCharsets.UTF_8);
        assertThat(pref).contains(">tak.example.kz:8089:ssl<").contains("cert/truststore.p12")
                .contains("cert/alpha.p12").contains(">atakatak<");
        assertThat(zip.get("certs/alpha.p12")).isEqualTo(Files.readAllBytes(out.resolve("alpha.p12")));

        assertThat(run(0, "certs", "list", "--data-dir", data)).startsWith("alpha\tkz-bs\tvalid\t");
        assertThat(run(0, "certs", "revoke", "--user", "alpha", "--data-dir", data)).contains("revoked: 1");
        assertThat(run(0, "certs", "list", "--data-dir", data)).startsWith("alpha\tkz-bs\trevoked\t");
        assertThat(run(1, "certs", "revoke", "--user", "nobody", "--data-dir", data)).contains("revoked: 0");
    }

    @Test
    void theServersCertificateNamesTheHostADataPackageConnectsTo() throws Exception {
        String data = dir.resolve("data").toString();
        run(0, "certs", "init", "--data-dir", data);
        Path serverPem = dir.resolve("data/ca/server.pem");
        assertThat(names(serverPem)).contains("localhost", "127.0.0.1").doesNotContain("tak.example.kz");

        String said = run(0, "certs", "issue", "--user", "alpha", "--out", dir.resolve("a").toString(), "--host",
                "tak.example.kz", "--data-dir", data);
        assertThat(said).contains("server certificate now names tak.example.kz");
        assertThat(names(serverPem)).contains("localhost", "127.0.0.1", "tak.example.kz");
        X509Certificate server = read(serverPem);
        server.verify(read(dir.resolve("data/ca/ca.pem")).getPublicKey());
        String pem = Files.readString(serverPem);

        // A second device for the same host leaves the certificate as it is.
        assertThat(run(0, "certs", "issue", "--user", "bravo", "--out", dir.resolve("b").toString(), "--host",
                "tak.example.kz", "--data-dir", data)).doesNotContain("server certificate");
        assertThat(Files.readString(serverPem)).isEqualTo(pem);
        // The server still starts its TLS context from the files.
        assertThat(kz.shekara.server.adapter.cot.cert.CertificateAuthority.open(dir.resolve("data"),
                java.time.Clock.systemUTC()).serverContext((subject, reason) -> { })).isNotNull();
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static java.util.List<String> names(Path pem) throws Exception {
        return read(pem).getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
    }
}

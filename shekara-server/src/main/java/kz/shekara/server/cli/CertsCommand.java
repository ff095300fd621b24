package kz.shekara.server.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import kz.shekara.server.access.AuditTrail;
import kz.shekara.server.adapter.cot.CotServerConfig;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.adapter.cot.cert.ClientFiles;
import kz.shekara.server.store.StoreDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shekara certs init|issue|revoke|list}: the built-in certificate authority for TAK clients on
 * the TLS streaming port, kept in the data directory ({@link CertificateAuthority}).
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Certificate authority for TAK clients on TLS: init, issue (with an ATAK data package), revoke, list.",
        subcommands = {CertsCommand.Init.class, CertsCommand.Issue.class, CertsCommand.Revoke.class,
            CertsCommand.ListCerts.class})
public final class CertsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The data directory option every subcommand takes. */
    static final class DataDir {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
                description = "Data directory holding the CA under ca/ (default ${DEFAULT-VALUE}).")
        Path dir;
    }

    /**
     * Where issue and revoke are recorded: the audit trail of the event store ({@code --db}, else the
     * SQLite store in the data directory). The actor is the operating-system user running the command.
     */
    static final class Audited {
        @Option(names = "--db", paramLabel = "JDBC_URL",
                description = "Event store whose audit trail records this (default: SQLite under --data-dir).")
        String db;

        void record(DataDir data, String action, String user, String outcome) {
            try (AuditTrail trail = new AuditTrail(StoreDatabase.of(db, data.dir), Clock.systemUTC())) {
                trail.record(System.getProperty("user.name"), action, user, outcome, "cli");
            }
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the certificate authority and the server's certificate (once; again does nothing).")
    static final class Init implements Callable<Integer> {
        @Mixin
        DataDir data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            boolean existed = CertificateAuthority.exists(data.dir);
            CertificateAuthority ca = CertificateAuthority.init(data.dir, Clock.systemUTC());
            spec.commandLine().getOut().printf("%s %s (%s)%n", existed ? "exists:" : "created:",
                    data.dir.resolve("ca"), ca.certificate().getSubjectX500Principal().getName());
            return 0;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a client certificate: U.pem, U.key, U.p12, ca.pem, truststore.p12 and U-atak.zip "
                    + "(an ATAK/iTAK data package) in --out. Recorded in the audit trail.")
    static final class Issue implements Callable<Integer> {
        @Mixin
        DataDir data;

        @Option(names = "--user", required = true, paramLabel = "U", description = "User (certificate CN, file names).")
        String user;

        @Option(names = "--agency", paramLabel = "A",
                description = "Agency (certificate O: the client's routing group); default the theatre's own agency.")
        String agency;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where to write the files (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--password", paramLabel = "P", defaultValue = CertificateAuthority.DEFAULT_PASSWORD,
                description = "Password of the .p12 files (default ${DEFAULT-VALUE}, as TAK tools expect).")
        String password;

        @Option(names = "--host", paramLabel = "H", description = "Server address devices connect to (default this host's name).")
        String host;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + CotServerConfig.DEFAULT_TLS_PORT,
                description = "TLS streaming port in the data package (default ${DEFAULT-VALUE}).")
        int port;

        @Mixin
        TheatreOption theatre;

        @Spec
        CommandSpec spec;

        @Mixin
        Audited audit;

        @Override
        public Integer call() throws Exception {
            CertificateAuthority ca = CertificateAuthority.open(data.dir, Clock.systemUTC());
            String a = agency != null ? agency : theatre.load().defaultMarking().originator();
            String h = host != null ? host : InetAddress.getLocalHost().getHostName();
            boolean renamed = ca.serveAs(h);
            CertificateAuthority.Issued issued = ca.issue(user, a);
            String serial = issued.certificate().getSerialNumber().toString(16);
            audit.record(data, "certificate.issue", user, "issued serial " + serial + " (agency " + a + ")");
            PrintWriter o = spec.commandLine().getOut();
            o.printf("issued: %s (%s), serial %s%n", user, a, serial);
            if (renamed) {
                o.printf("server certificate now names %s (takes effect at the server's next start)%n", h);
            }
            for (Path p : ClientFiles.write(issued, out, password, h, port)) {
                o.println(p);
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke every certificate of a user; the running server refuses them at the next handshake."
                    + " Recorded in the audit trail.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        DataDir data;

        @Option(names = "--user", required = true, paramLabel = "U", description = "User whose certificates to revoke.")
        String user;

        @Spec
        CommandSpec spec;

        @Mixin
        Audited audit;

        @Override
        public Integer call() throws Exception {
            int n = CertificateAuthority.open(data.dir, Clock.systemUTC()).revoke(user);
            audit.record(data, "certificate.revoke", user, "revoked " + n + " certificate(s)");
            spec.commandLine().getOut().printf("revoked: %d certificate(s) of %s%n", n, user);
            return n == 0 ? 1 : 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List issued certificates.")
    static final class ListCerts implements Callable<Integer> {
        @Mixin
        DataDir data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            for (CertificateAuthority.Listed l : CertificateAuthority.open(data.dir, Clock.systemUTC()).list()) {
                o.printf("%s\t%s\t%s\t%s\t%s%n", l.user(), l.agency(), l.revoked() ? "revoked" : "valid", l.notAfter(),
                        l.serialHex());
            }
            return 0;
        }
    }
}

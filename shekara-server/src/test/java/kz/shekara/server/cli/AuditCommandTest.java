package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import kz.shekara.server.access.AuditEntry;
import kz.shekara.server.access.AuditTrail;
import kz.shekara.server.store.LocalPostgres;
import kz.shekara.server.store.PostgresExtension;
import kz.shekara.server.store.StoreDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shekara audit verify|list}: exit codes on an intact and a tampered chain, in SQLite and PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class AuditCommandTest {
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

    private static void appendThree(StoreDatabase db) {
        try (AuditTrail t = new AuditTrail(db, Clock.systemUTC())) {
            t.record("commander", "PUT", "/api/v1/sectors/S1/posture", "200", "127.0.0.1");
            t.record("operator", "POST", "/api/v1/incidents/I-1/dispatch", "202", "127.0.0.1");
            t.record("admin", "certificate.revoke", "alpha", "revoked 1 certificate(s)", "cli");
        }
    }

    private static void sql(StoreDatabase db, String statement) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void verifyExitsZeroOnAnIntactChainAndOneNamingARowEditedInSqlite() throws Exception {
        String data = dir.resolve("data").toString();
        StoreDatabase db = StoreDatabase.of(null, Path.of(data));
        appendThree(db);
        assertThat(run(0, "audit", "verify", "--data-dir", data)).startsWith("intact: 3 entries checked; head seq 3");
        assertThat(run(0, "audit", "list", "--data-dir", data)).contains("2\t").contains("\toperator\tPOST\t"
                + "/api/v1/incidents/I-1/dispatch\t202\t127.0.0.1");

        sql(db, "UPDATE audit_log SET actor = 'analyst' WHERE seq = 2");
        assertThat(run(1, "audit", "verify", "--data-dir", data)).startsWith("altered: entry 2:");
    }

    @Test
    void verifyExitsOneNamingARowDeletedInPostgres(LocalPostgres pg) throws Exception {
        String url = pg.createDatabase();
        StoreDatabase db = StoreDatabase.of(url, null);
        appendThree(db);
        assertThat(run(0, "audit", "verify", "--db", url)).startsWith("intact: 3 entries checked");
        sql(db, "DELETE FROM audit_log WHERE seq = 2");
        assertThat(run(1, "audit", "verify", "--db", url)).startsWith("removed: entry 2:");
    }

    @Test
    void aChainRewrittenAndRehashedWithItsHeadIsCaughtByAnExpectedHeadKeptElsewhere() throws Exception {
        String data = dir.resolve("data").toString();
        StoreDatabase db = StoreDatabase.of(null, Path.of(data));
        appendThree(db);
        String out = run(0, "audit", "verify", "--data-dir", data);
        String head = "3:" + out.substring(out.indexOf("hash ") + 5).trim();
        assertThat(run(0, "audit", "verify", "--data-dir", data, "--expect", head)).startsWith("intact: 3 entries");

        // Who can write the database and knows the canonical form re-hashes entries 2 and 3 and moves the head.
        AuditEntry one;
        try (AuditTrail t = new AuditTrail(db, Clock.systemUTC())) {
            one = t.entry(1).orElseThrow();
            AuditEntry two = t.entry(2).orElseThrow();
            AuditEntry three = t.entry(3).orElseThrow();
            AuditEntry two2 = AuditEntry.chained(2, two.time(), "commander", two.action(), two.target(), two.outcome(),
                    two.address(), one.hash());
            AuditEntry three2 = AuditEntry.chained(3, three.time(), three.actor(), three.action(), three.target(),
                    three.outcome(), three.address(), two2.hash());
            for (AuditEntry e : new AuditEntry[] {two2, three2}) {
                sql(db, "UPDATE audit_log SET actor = '" + e.actor() + "', prev_hash = '" + e.prevHash() + "', hash = '"
                        + e.hash() + "' WHERE seq = " + e.seq());
            }
            sql(db, "UPDATE audit_head SET hash = '" + three2.hash() + "'");
        }
        assertThat(run(0, "audit", "verify", "--data-dir", data)).as("the chain alone").startsWith("intact:");
        assertThat(run(1, "audit", "verify", "--data-dir", data, "--expect", head)).startsWith("altered: entry 3:");
        assertThat(run(0, "audit", "verify", "--data-dir", data, "--expect", "1:" + one.hash())).startsWith("intact:");
        assertThat(run(1, "audit", "verify", "--data-dir", data, "--expect", "4:" + one.hash())).startsWith("removed: entry 4:");
        assertThat(run(2, "audit", "verify", "--data-dir", data, "--expect", "three")).contains("SEQ:HASH");
    }

    @Test
    void refusesAStoreThatIsNotThereWithAUsageError() {
        assertThat(run(2, "audit", "verify", "--data-dir", dir.resolve("nowhere").toString()))
                .contains("no event store at");
        assertThat(dir.resolve("nowhere")).doesNotExist();
        assertThat(run(2, "audit", "verify", "--db", "jdbc:mysql://h/db?password=secret"))
                .contains("jdbc:postgresql").doesNotContain("secret");
    }

    @Test
    void certificateIssueAndRevokeAreRecordedWithTheOsUserAsActor() {
        String data = dir.resolve("data").toString();
        run(0, "certs", "init", "--data-dir", data);
        String issued = run(0, "certs", "issue", "--user", "alpha", "--agency", "kz-bs", "--out",
                dir.resolve("alpha").toString(), "--host", "tak.example.kz", "--data-dir", data);
        String serial = issued.substring(issued.indexOf("serial ") + 7, issued.indexOf('\n')).trim();
        run(0, "certs", "revoke", "--user", "alpha", "--data-dir", data);
        String user = System.getProperty("user.name");
        String[] lines = run(0, "audit", "list", "--data-dir", data).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0].split("\t")).containsExactly("1", lines[0].split("\t")[1], user, "certificate.issue", "alpha",
                "issued serial " + serial + " (agency kz-bs)", "cli");
        assertThat(lines[1].split("\t")).containsExactly("2", lines[1].split("\t")[1], user, "certificate.revoke",
                "alpha", "revoked 1 certificate(s)", "cli");
        assertThat(run(0, "audit", "verify", "--data-dir", data)).startsWith("intact: 2 entries checked");
    }
}

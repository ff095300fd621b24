package kz.shekara.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.store.StoreDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database the audit trail lives in must do: keep one hash chain, verify it, and name the
 * first entry edited, deleted or inserted behind the trail's back with plain SQL.
 */
abstract class AuditTrailContract {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    StoreDatabase db;

    /** A fresh, empty database of the dialect under test. */
    abstract StoreDatabase newDatabase();

    @BeforeEach
    void freshDatabase() {
        db = newDatabase();
    }

    AuditTrail trail() {
        return new AuditTrail(db, new SteppingClock(T0));
    }

    void appendFive(AuditTrail t) {
        t.record("admin", "certificate.issue", "alpha", "issued serial 1a", "cli");
        t.record("commander", "PUT", "/api/v1/sectors/S1/posture", "200", "127.0.0.1");
        t.record("-", "login", "partner-uz", "refused: bad password", "10.0.0.7");
        t.record("operator", "POST", "/api/v1/incidents/I-1/dispatch", "202", "127.0.0.1");
        t.record("admin", "certificate.revoke", "alpha", "revoked 1", "cli");
    }

    void sql(String statement) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void chainsEveryEntryToTheOneBeforeAndVerifiesIntact() {
        try (AuditTrail t = trail()) {
            assertThat(t.verify().intact()).as("empty").isTrue();
            appendFive(t);
            List<AuditEntry> all = t.read(Instant.EPOCH, Instant.MAX.minusSeconds(1), 100);
            assertThat(all).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(all.get(0).prevHash()).isEqualTo(AuditEntry.GENESIS);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).hash());
            }
            assertThat(all).allSatisfy(e -> assertThat(e.hash()).matches("[0-9a-f]{64}").isEqualTo(e.computedHash()));
            assertThat(all.get(2).time()).isEqualTo(T0.plusSeconds(2));
            assertThat(all.get(2).actor()).isEqualTo("-");
            assertThat(all.get(2).outcome()).isEqualTo("refused: bad password");

            AuditVerification v = t.verify();
            assertThat(v.intact()).as(v.toString()).isTrue();
            assertThat(v.checked()).isEqualTo(5);
            assertThat(v.headSeq()).isEqualTo(5);
            assertThat(v.headHash()).isEqualTo(all.get(4).hash());
        }
    }

    @Test
    void readsTheEntriesOfATimeRangeUpToALimit() {
        try (AuditTrail t = trail()) {
            appendFive(t);
            assertThat(t.read(T0.plusSeconds(1), T0.plusSeconds(4), 100)).extracting(AuditEntry::seq)
                    .containsExactly(2L, 3L, 4L);
            assertThat(t.read(T0.plusSeconds(1), T0.plusSeconds(4), 2)).extracting(AuditEntry::seq)
                    .containsExactly(2L, 3L);
        }
    }

    @Test
    void namesAnEditedEntryAsAltered() {
        try (AuditTrail t = trail()) {
            appendFive(t);
            sql("UPDATE audit_log SET outcome = '200' WHERE seq = 3");
            AuditVerification v = t.verify();
            assertThat(v.firstBreak()).hasValueSatisfying(b -> {
                assertThat(b.kind()).isEqualTo(AuditVerification.Kind.ALTERED);
                assertThat(b.seq()).isEqualTo(3);
            });
            assertThat(v.checked()).isEqualTo(3);
        }
    }

    @Test
    void namesAnEntryEditedAndRehashedByItsSuccessor() {
        try (AuditTrail t = trail()) {
            appendFive(t);
            AuditEntry e = t.read(Instant.EPOCH, T0.plusSeconds(60), 100).get(1);
            String forged = AuditEntry.hashOf(2, AuditEntry.timeNanos(e.time()), "analyst", e.action(), e.target(),
                    e.outcome(), e.address(), e.prevHash());
            sql("UPDATE audit_log SET actor = 'analyst', hash = '" + forged + "' WHERE seq = 2");
            assertThat(t.verify().firstBreak()).hasValueSatisfying(b -> {
                assertThat(b.kind()).isEqualTo(AuditVerification.Kind.INSERTED);
                assertThat(b.seq()).isEqualTo(3);
                assertThat(b.detail()).contains("entry 2");
            });
        }
    }

    @Test
    void namesADeletedEntryAsRemoved() {
        try (AuditTrail t = trail()) {
            appendFive(t);
            sql("DELETE FROM audit_log WHERE seq = 2");
            assertThat(t.verify().firstBreak()).hasValueSatisfying(b -> {
                assertThat(b.kind()).isEqualTo(AuditVerification.Kind.REMOVED);
                assertThat(b.seq()).isEqualTo(2);
            });
        }
    }

    @Test
    void namesADeletedLastEntryAndAWhollyEmptiedTable() {
        try (AuditTrail t = trail()) {
            appendFive(t);
            sql("DELETE FROM audit_log WHERE seq = 5");
            assertThat(t.verify().firstBreak()).hasValueSatisfying(b -> {
                assertThat(b.kind()).isEqualTo(AuditVerification.Kind.REMOVED);
                assertThat(b.seq()).isEqualTo(5);
            });
            sql("DELETE FROM audit_log");
            assertThat(t.verify().firstBreak()).hasValueSatisfying(b -> {
                assertThat(b.kind()).isEqualTo(AuditVerification.Kind.REMOVED);
                assertThat(b.seq()).isEqualTo(1);
            });
        }
    }

    @Test
    void namesAnEntryInsertedAfterTheHeadEvenWithAValidHash() throws SQLException {
        try (AuditTrail t = trail()) {
            appendFive(t);
            AuditEntry last = t.read(Instant.EPOCH, T0.plusSeconds(60), 100).get(4);
            AuditEntry forged = AuditEntry.chained(6, T0.plusSeconds(5), "admin", "certificate.issue", "mallory",
                    "issued serial ff", "cli", last.hash());
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log"
                    + " (seq, time_ns, actor, action, target, outcome, address, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, forged.seq());
                ps.setLong(2, AuditEntry.timeNanos(forged.time()));
                ps.setString(3, forged.actor());
                ps.setString(4, forged.action());
                ps.setString(5, forged.target());
                ps.setString(6, forged.outcome());
                ps.setString(7, forged.address());
                ps.setString(8, forged.prevHash());
                ps.setString(9, forged.hash());
                ps.executeUpdate();
            }
            assertThat(t.verify().firstBreak()).hasValueSatisfying(b -> {
                assertThat(b.kind()).isEqualTo(AuditVerification.Kind.INSERTED);
                assertThat(b.seq()).isEqualTo(6);
            });
        }
    }

    @Test
    void twoTrailsOnOneDatabaseAppendingAtOnceKeepOneChain() throws Exception {
        int perWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<AuditTrail> trails = List.of(trail(), trail());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                AuditTrail t = trails.get(w % 2);
                String actor = "writer-" + w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perWriter; i++) {
                        t.record(actor, "POST", "/api/v1/messages", "202", "127.0.0.1");
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            AuditVerification v = trails.get(0).verify();
            assertThat(v.intact()).as(v.toString()).isTrue();
            assertThat(v.checked()).isEqualTo(4L * perWriter);
        } finally {
            pool.shutdownNow();
            trails.forEach(AuditTrail::close);
        }
    }
}

package kz.shekara.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store role's consumer on a real broker, against what a single process logs. */
class StoreSubscriptionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T06:00:00Z");
    private static final Marking M = Marking.of(Classification.RESTRICTED, "KNB-BS", Set.of("MVD"));

    @TempDir
    Path dir;

    /**
     * Every column of every row the store node writes (the payload kept as the record's bytes) equals what
     * a single process writes for the same events (encoding them itself): callsigns in Kazakh and with a
     * character outside the Basic Multilingual Plane included, as the codec writes those apart.
     */
    @Test
    void storesTheRowsASingleProcessStores() throws Exception {
        List<UnitPosition> positions = new ArrayList<>();
        List<Detection> detections = new ArrayList<>();
        String[] callsigns = {"Ақтау-1", "Қыран \uD83D\uDE81", "HELI-1", "Шекара \"7\""};
        for (int i = 0; i < 40; i++) {
            positions.add(new UnitPosition(T0.plusSeconds(i), "U-" + (i % 4), callsigns[i % 4], "a-f-G-U-C",
                    43.6 + i * 1e-3, 51.2, i * 7 % 360, 12.5, UnitStatus.AVAILABLE, M));
            detections.add(new Detection(T0.plusMillis(i * 250L), "radar-" + (i % 3), SensorKind.RADAR, 41.5,
                    69.2 + i * 1e-4, 25, M));
        }
        Path single = dir.resolve("single.db");
        try (SqliteEventLog log = new SqliteEventLog(single, StoreConfig.defaults())) {
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < positions.size(); i++) {
                entries.add(new LogEntry(Topic.UNIT_POSITIONS.name(), key(i), positions.get(i)));
                entries.add(new LogEntry(Topic.OBSERVATIONS.name(), key(i), detections.get(i)));
            }
            log.append(entries);
        }
        Path stored = dir.resolve("store.db");
        try (SqliteEventLog log = new SqliteEventLog(stored, StoreConfig.defaults());
             KafkaBus bus = new KafkaBus(TestBroker.config(3))) {
            for (int i = 0; i < positions.size(); i++) {
                bus.publish(Topic.UNIT_POSITIONS, key(i), positions.get(i));
                bus.publish(Topic.OBSERVATIONS, key(i), detections.get(i));
            }
            StoreSubscription sub = bus.subscribeStore(log, 16);
            bus.drain();
            assertThat(sub.stored()).isEqualTo(80);
            assertThat(sub.failures()).isZero();
        }
        assertThat(rows(stored)).hasSize(80).containsExactlyElementsOf(rows(single));
    }

    private static String key(int i) {
        return "sector-" + (i % 5);
    }

    /** Every column but the seq, ordered by topic, key and event time (the store interleaves partitions). */
    private static List<String> rows(Path db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT time_ns, topic, event_key, entity, type, classification, originator,"
                     + " releasable, exercise, payload FROM event_log ORDER BY topic, event_key, time_ns, seq")) {
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int col = 1; col <= 9; col++) {
                    row.append(r.getString(col)).append('|');
                }
                row.append(new String(r.getBytes(10), java.nio.charset.StandardCharsets.UTF_8));
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

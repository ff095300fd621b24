package kz.shekara.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code source_position} table: per source (a consumer of the Kafka topics), topic and partition, the
 * offset of the next record to store. Read and written on the log's writer connection, inside the
 * transaction that stores the records, so the records and the position are stored together or not at all.
 * Stateless.
 */
final class SourcePositions {
    private SourcePositions() {
    }

    /** The stored positions of {@code source}, keyed by topic and partition (the offset the key's). */
    static Map<Partition, Long> read(Connection c, String source) throws SQLException {
        Map<Partition, Long> at = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT topic, part, next_offset FROM source_position WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    at.put(new Partition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        return at;
    }

    /** The entries whose place is at or past their partition's stored position: those not yet stored. */
    static List<LogEntry> unstored(Map<Partition, Long> stored, List<LogEntry> entries, List<SourceOffset> at) {
        if (entries.size() != at.size()) {
            throw new IllegalArgumentException(entries.size() + " entries but " + at.size() + " places");
        }
        List<LogEntry> fresh = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            SourceOffset o = at.get(i);
            if (o.offset() >= stored.getOrDefault(Partition.of(o), 0L)) {
                fresh.add(entries.get(i));
            }
        }
        return fresh;
    }

    /** Moves each partition of {@code ends} to its offset, never back. */
    static void advance(Connection c, String source, Map<Partition, Long> stored, List<SourceOffset> ends)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO source_position (source, topic, part, next_offset)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (source, topic, part) DO UPDATE SET next_offset = excluded.next_offset")) {
            for (SourceOffset end : ends) {
                if (end.offset() <= stored.getOrDefault(Partition.of(end), 0L)) {
                    continue;
                }
                ps.setString(1, source);
                ps.setString(2, end.topic());
                ps.setInt(3, end.partition());
                ps.setLong(4, end.offset());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A topic's partition. */
    record Partition(String topic, int partition) {
        static Partition of(SourceOffset o) {
            return new Partition(o.topic(), o.partition());
        }
    }
}

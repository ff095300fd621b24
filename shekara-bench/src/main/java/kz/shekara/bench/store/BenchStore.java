package kz.shekara.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LocalPostgres;
import kz.shekara.server.store.PostgresEventLog;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.store.StoreDatabase;

/**
 * A store under benchmark: {@code sqlite-full} and {@code sqlite-normal} (a SQLite file in a temp
 * directory, synchronous FULL or NORMAL) or {@code postgresql} (a local cluster with fsync on).
 * Opens logs on one database and removes everything on close. Not thread-safe.
 */
final class BenchStore implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KNB-PS", Set.of("MVD"));

    private final String kind;
    private final Path dir;
    private final LocalPostgres pg;
    private final String pgUrl;

    BenchStore(String kind) {
        this.kind = kind;
        try {
            this.dir = Files.createTempDirectory("shekara-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kind.equals("postgresql")) {
            pg = LocalPostgres.start(true);
            pgUrl = pg.createDatabase();
        } else if (kind.equals("sqlite-full") || kind.equals("sqlite-normal")) {
            pg = null;
            pgUrl = null;
        } else {
            throw new IllegalArgumentException("store: sqlite-full, sqlite-normal or postgresql, got " + kind);
        }
    }

    EventLog open() {
        return switch (kind) {
            case "postgresql" -> new PostgresEventLog(pgUrl);
            case "sqlite-normal" -> new SqliteEventLog(dir.resolve("events.db"),
                    StoreConfig.defaults().withSynchronous(StoreConfig.Synchronous.NORMAL));
            default -> new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
        };
    }

    /** The database the logs are opened on, for the tables beside the log (the audit trail). */
    StoreDatabase database() {
        return pgUrl != null ? StoreDatabase.of(pgUrl, null) : StoreDatabase.of("jdbc:sqlite:" + dir.resolve("events.db"), null);
    }

    /** The JDBC URL of the database under benchmark. */
    String jdbcUrl() {
        return pgUrl != null ? pgUrl : "jdbc:sqlite:" + dir.resolve("events.db");
    }

    StoreConfig config() {
        return kind.equals("sqlite-normal") ? StoreConfig.defaults().withSynchronous(StoreConfig.Synchronous.NORMAL)
                : StoreConfig.defaults();
    }

    /** The i-th position of a fleet of {@code units} units reporting every second in turn. */
    static UnitPosition position(long i, int units) {
        int u = (int) (i % units);
        return new UnitPosition(T0.plusMillis(i), "U-" + u, "Unit " + u, "a-f-G-U-C", 42.0 + u * 1e-3,
                69.0 + (i % 1000) * 1e-5, i % 360, 12.5, UnitStatus.AVAILABLE, MARKING);
    }

    @Override
    public void close() {
        if (pg != null) {
            pg.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

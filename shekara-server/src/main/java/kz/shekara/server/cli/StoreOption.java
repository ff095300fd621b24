package kz.shekara.server.cli;

import java.nio.file.Path;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.store.EventLogs;
import picocli.CommandLine.Option;

/**
 * The event store's database as {@code users} and {@code tokens} take it: {@code --db URL}, or the
 * SQLite file under {@code --data-dir} (default {@code data}), as {@code serve} opens it. Not
 * thread-safe (filled by picocli).
 */
public final class StoreOption {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory of the event store (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Event store database: jdbc:postgresql://... or jdbc:sqlite:FILE (default: SQLite under --data-dir).")
    String db;

    /** The database, migrated to the current schema. */
    AccessDatabase open() {
        return AccessDatabase.open(EventLogs.jdbcUrl(db, dataDir));
    }
}

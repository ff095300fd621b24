package kz.shekara.server.cli;

import java.nio.file.Path;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.StoreDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir D | --db URL}: the event store's database a maintenance command ({@code users},
 * {@code tokens}, {@code audit}, {@code certs}) works on, as {@code serve} opens it. Not thread-safe
 * (filled by picocli).
 */
public final class StoreOption {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory of the event store (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Event store database: jdbc:postgresql://... or jdbc:sqlite:FILE (default: SQLite under --data-dir).")
    String db;

    /** The accounts' database, migrated to the current schema. */
    AccessDatabase open() {
        return AccessDatabase.open(EventLogs.jdbcUrl(db, dataDir));
    }

    /** The database named, which may not exist yet (it is created at first use). */
    StoreDatabase database(CommandLine cl) {
        try {
            return StoreDatabase.of(db, dataDir);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** The database named; a usage error (exit 2) when it is a SQLite file that is not there. */
    StoreDatabase existing(CommandLine cl) {
        StoreDatabase d = database(cl);
        if (!d.exists()) {
            throw new CommandLine.ParameterException(cl, "no event store at " + d.sqliteFile() + " (see --data-dir, --db)");
        }
        return d;
    }
}

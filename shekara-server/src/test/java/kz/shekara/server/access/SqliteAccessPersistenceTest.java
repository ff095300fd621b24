package kz.shekara.server.access;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import kz.shekara.server.store.EventLogs;
import org.junit.jupiter.api.io.TempDir;

/** The access database's persistence in a real SQLite file. */
class SqliteAccessPersistenceTest extends AccessPersistenceContract {
    private final AtomicInteger stores = new AtomicInteger();
    @TempDir
    Path dir;

    @Override
    String newStore() {
        return EventLogs.jdbcUrl(null, dir.resolve("store-" + stores.incrementAndGet()));
    }
}

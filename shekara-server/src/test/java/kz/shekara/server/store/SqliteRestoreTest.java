package kz.shekara.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRestoreTest extends RestoreContract {
    @TempDir
    Path dir;
    private Path file;

    @Override
    void createDatabase() {
        file = dir.resolve("data/events.db");
    }

    @Override
    EventLog openStore() {
        // Safe against a crash of the process, which is all this test needs; syncing every commit only slows it.
        return new SqliteEventLog(file, StoreConfig.defaults().withSynchronous(StoreConfig.Synchronous.NORMAL));
    }
}

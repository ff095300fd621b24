package kz.shekara.server.review;

import java.nio.file.Path;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import org.junit.jupiter.api.io.TempDir;

class SqliteReplaySessionTest extends ReplaySessionContract {
    @TempDir
    Path dir;

    @Override
    EventLog openEmptyLog() {
        return new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
    }
}

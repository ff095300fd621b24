package kz.shekara.server.access;

import java.nio.file.Path;
import kz.shekara.server.store.StoreDatabase;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail in a real SQLite file, the embedded store's database. */
class SqliteAuditTrailTest extends AuditTrailContract {
    @TempDir
    Path dir;

    @Override
    StoreDatabase newDatabase() {
        return StoreDatabase.of(null, dir.resolve("data"));
    }
}

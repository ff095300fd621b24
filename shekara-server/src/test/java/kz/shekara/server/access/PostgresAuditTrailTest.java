package kz.shekara.server.access;

import kz.shekara.server.store.LocalPostgres;
import kz.shekara.server.store.PostgresExtension;
import kz.shekara.server.store.StoreDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit trail in a real PostgreSQL database, one per test. */
@ExtendWith(PostgresExtension.class)
class PostgresAuditTrailTest extends AuditTrailContract {
    private final LocalPostgres pg;

    PostgresAuditTrailTest(LocalPostgres pg) {
        this.pg = pg;
    }

    @Override
    StoreDatabase newDatabase() {
        return StoreDatabase.of(pg.createDatabase(), null);
    }
}

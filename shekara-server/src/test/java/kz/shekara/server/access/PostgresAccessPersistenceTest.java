package kz.shekara.server.access;

import kz.shekara.server.store.LocalPostgres;
import kz.shekara.server.store.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The access database's persistence in a real PostgreSQL database, one per test. */
@ExtendWith(PostgresExtension.class)
class PostgresAccessPersistenceTest extends AccessPersistenceContract {
    private final LocalPostgres pg;

    PostgresAccessPersistenceTest(LocalPostgres pg) {
        this.pg = pg;
    }

    @Override
    String newStore() {
        return pg.createDatabase();
    }
}

package kz.shekara.server.store;

import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresRestoreTest extends RestoreContract {
    private final LocalPostgres pg;
    private String url;

    PostgresRestoreTest(LocalPostgres pg) {
        this.pg = pg;
    }

    @Override
    void createDatabase() {
        url = pg.createDatabase();
    }

    @Override
    EventLog openStore() {
        return new PostgresEventLog(url);
    }
}

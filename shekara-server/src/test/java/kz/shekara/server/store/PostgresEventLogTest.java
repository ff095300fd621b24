package kz.shekara.server.store;

import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresEventLogTest extends EventLogContract {
    private final LocalPostgres pg;
    private String url;

    PostgresEventLogTest(LocalPostgres pg) {
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

    @Override
    String jdbcUrl() {
        return url;
    }
}

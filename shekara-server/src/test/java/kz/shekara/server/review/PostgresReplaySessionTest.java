package kz.shekara.server.review;

import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LocalPostgres;
import kz.shekara.server.store.PostgresEventLog;
import kz.shekara.server.store.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresReplaySessionTest extends ReplaySessionContract {
    private final LocalPostgres pg;

    PostgresReplaySessionTest(LocalPostgres pg) {
        this.pg = pg;
    }

    @Override
    EventLog openEmptyLog() {
        return new PostgresEventLog(pg.createDatabase());
    }
}

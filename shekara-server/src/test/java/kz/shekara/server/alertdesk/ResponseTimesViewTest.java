package kz.shekara.server.alertdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import kz.shekara.incident.ResponseFixtures;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.Replayer;
import kz.shekara.server.store.ResponseLogs;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.sim.FixtureTheatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseTimesViewTest {
    @TempDir
    Path dir;

    @Test
    void rebuildsFromTheLogAndRestoresFromItsSnapshot() {
        ResponseLogs.write(dir, ResponseFixtures.log());
        ResponseTimesView view = new ResponseTimesView(FixtureTheatre.standard());
        try (EventLog log = EventLogs.open(null, dir, StoreConfig.defaults())) {
            new Replayer(log).rebuild(List.of(view));
        }
        assertThat(view.records()).hasSize(4);
        assertThat(view.records().get(0).detected()).isEqualTo(ResponseFixtures.t(0));
        assertThat(view.records().get(2).onScene()).isEqualTo(ResponseFixtures.t(7800));

        ResponseTimesView restored = new ResponseTimesView(FixtureTheatre.standard());
        restored.restore(view.snapshot());
        assertThat(restored.records()).isEqualTo(view.records());
        assertThat(restored.snapshot()).isEqualTo(view.snapshot());
    }
}

package kz.shekara.server.alertdesk;

import kz.shekara.server.config.RulesSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latest posture change per sector, kept from the log: back after a restart, for the map and the rules. */
class PostureViewTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @TempDir
    Path dir;

    @Test
    void theLaterChangeWinsAndASnapshotRestoresTheSameChanges() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        PostureView view = new PostureView();
        PostureChange high = change(theatre, "uz-03", Posture.HIGH, 60, "attacks next door");
        PostureChange elevated = change(theatre, "uz-03", Posture.ELEVATED, 120, "reinforced");
        PostureChange other = change(theatre, "kg-02", Posture.ELEVATED, 30, "exercise nearby");
        view.accept(elevated);
        view.accept(high); // older: does not replace the newer change
        view.accept(other);

        assertThat(view.latest()).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                "kg-02", other, "uz-03", elevated)));
        PostureView restored = new PostureView();
        restored.restore(view.snapshot());
        assertThat(restored.latest()).isEqualTo(view.latest());
    }

    @Test
    void afterARestartTheViewAndTheRulesAreBackOnThePostureLastSet() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SqliteEventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry,
                     List.of(new PostureView()));
             RulesService rules = new RulesService(RulesSettings.defaults(), bus, theatre, registry, clock)) {
            bus.start();
            rules.start();
            rules.setPosture("uz-03", Posture.HIGH, "Col. Sarsenbayev", "attacks next door");
            bus.drain();
        }

        PostureView view = new PostureView();
        try (SqliteEventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of(view));
             RulesService rules = new RulesService(RulesSettings.defaults(), bus, theatre, registry, clock)) {
            bus.start();
            assertThat(view.latest().get("uz-03")).satisfies(c -> {
                assertThat(c.posture()).isEqualTo(Posture.HIGH);
                assertThat(c.by()).isEqualTo("Col. Sarsenbayev");
                assertThat(c.reason()).isEqualTo("attacks next door");
                assertThat(c.time()).isEqualTo(T0);
            });
            assertThat(rules.postures()).containsEntry("uz-03", Posture.NORMAL);
            rules.restorePostures(view.latest().values());
            assertThat(rules.postures()).containsEntry("uz-03", Posture.HIGH).containsEntry("uz-01", Posture.NORMAL);
            bus.drain();
            try (var events = log.readAfter(0)) {
                assertThat(events.filter(e -> e.event() instanceof PostureChange).count())
                        .as("restoring publishes nothing again").isEqualTo(1);
            }
        }
    }

    private static PostureChange change(Theatre theatre, String sector, Posture p, int s, String reason) {
        return new PostureChange(T0.plusSeconds(s), sector, p, "cmdr", reason, theatre.defaultMarking());
    }
}

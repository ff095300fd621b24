package kz.shekara.server.source;

import kz.shekara.sim.FixtureTheatre;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReplaySourceTest {
    private static final Instant EPOCH = Instant.parse("2026-03-01T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void publishesEveryGoodLineInTimeOrderAndCountsBadLinesWithTheirLineNumbers() throws Exception {
        Path detections = write("detections.jsonl",
                "{\"time\": 0, \"sensor\": \"radar-land\", \"lat\": 41.01, \"lon\": 69.5, \"sigma_m\": 30, \"kind\": \"radar\"}",
                "{\"time\": 1.5, \"sensor\": \"radar-land\", \"lat\": 41.02, \"lon\": 69.5, \"sigma_m\": 30",
                "{\"time\": 2, \"sensor\": \"radar-land\", \"lat\": 91.0, \"lon\": 69.5, \"sigma_m\": 30}",
                "",
                "{\"time\": 3, \"sensor\": \"radar-land\", \"lon\": 69.5, \"sigma_m\": 30}",
                "{\"time\": 4, \"sensor\": \"ugs-1\", \"lat\": 40.99, \"lon\": 68.5, \"sigma_m\": 100, \"kind\": \"ugs\"}",
                "{\"time\": 3.5, \"sensor\": \"radar-land\", \"lat\": 41.02, \"lon\": 69.5, \"sigma_m\": 30}",
                "{\"time\": \"2026-03-01T06:00:10Z\", \"sensor\": \"radar-land\", \"lat\": 41.03, \"lon\": 69.6, \"sigma_m\": 30}");
        Path units = write("units.jsonl",
                "{\"time\": 2, \"unit\": \"PATROL-1\", \"lat\": 41.1, \"lon\": 69.5, \"status\": \"available\"}",
                "{\"time\": 4, \"unit\": \"PATROL-1\", \"lat\": 41.1, \"lon\": 69.51, \"status\": \"sleeping\"}",
                "{\"time\": 5, \"unit\": \"PATROL-1\", \"lat\": 41.1, \"lon\": 69.52}");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Detection> delivered = Collections.synchronizedList(new ArrayList<>());
        try (RecordingBus bus = new RecordingBus()) {
            bus.subscribe(Topic.OBSERVATIONS, "test", delivered::add);
            JsonlReplaySource source = new JsonlReplaySource(
                    ReplayConfig.of(detections).withUnits(units).withEpoch(EPOCH), FixtureTheatre.standard(), bus, registry,
                    Clock.systemUTC());
            source.start();
            JsonlReplaySource.Summary summary = source.completion().get(30, TimeUnit.SECONDS);
            bus.drain();
            List<DomainEvent> seen = bus.published().stream().map(RecordingBus.Published::event).toList();

            assertThat(summary).isEqualTo(new JsonlReplaySource.Summary(3, 2, 5));
            assertThat(seen).extracting(e -> e.time().toEpochMilli() - EPOCH.toEpochMilli())
                    .containsExactly(0L, 2000L, 4000L, 5000L, 10_000L);
            assertThat(seen.get(0)).isInstanceOf(Detection.class);
            assertThat(seen.get(1)).isInstanceOf(UnitPosition.class);
            assertThat(((Detection) seen.get(2)).sensor()).isEqualTo("ugs-1");
            assertThat(seen).allSatisfy(e -> assertThat(e.marking()).isEqualTo(FixtureTheatre.MARKING.asExercise()));
            assertThat(source.rejections()).extracting(r -> r.file().getFileName().toString() + ":" + r.line() + ":" + r.reason())
                    .containsExactly("detections.jsonl:2:malformed-json", "detections.jsonl:3:lat-out-of-range",
                            "detections.jsonl:5:missing-field", "units.jsonl:2:unknown-status",
                            "detections.jsonl:7:out-of-order");
            assertThat(rejections(registry, "malformed-json")).isEqualTo(1);
            assertThat(rejections(registry, "lat-out-of-range")).isEqualTo(1);
            assertThat(rejections(registry, "missing-field")).isEqualTo(1);
            assertThat(rejections(registry, "out-of-order")).isEqualTo(1);
            assertThat(rejections(registry, "unknown-status")).isEqualTo(1);
            // Keys are the sector each position lies in (ugs-1's plot is just across the sea border).
            assertThat(bus.published()).extracting(RecordingBus.Published::key)
                    .containsExactly("land", "land", "sea", "land", "land");
            assertThat(delivered).hasSize(3);
        }
    }

    @Test
    void pacedReplayWaitsForTheClock() throws Exception {
        Path detections = write("paced.jsonl",
                "{\"time\": 0, \"sensor\": \"radar-land\", \"lat\": 41.01, \"lon\": 69.5, \"sigma_m\": 30}",
                "{\"time\": 30, \"sensor\": \"radar-land\", \"lat\": 41.02, \"lon\": 69.5, \"sigma_m\": 30}",
                "{\"time\": 60, \"sensor\": \"radar-land\", \"lat\": 41.03, \"lon\": 69.5, \"sigma_m\": 30}");
        SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
        CountDownLatch first = new CountDownLatch(1);
        List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
        try (InMemoryBus bus = new InMemoryBus(1, 16)) {
            bus.subscribe(Topic.OBSERVATIONS, "test", d -> {
                seen.add(d);
                first.countDown();
            });
            JsonlReplaySource source = new JsonlReplaySource(ReplayConfig.of(detections).withSpeed(2),
                    FixtureTheatre.standard(), bus, new SimpleMeterRegistry(), clock);
            source.start();
            assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
            bus.drain();
            // The clock stands still: the line at 30 s (due 15 s of wall time later at speed 2) must wait.
            assertThat(seen).hasSize(1);
            assertThat(source.completion()).isNotDone();
            clock.advance(Duration.ofSeconds(30));
            assertThat(source.completion().get(30, TimeUnit.SECONDS).detections()).isEqualTo(3);
            bus.drain();
            assertThat(seen).hasSize(3);
        }
    }

    @Test
    void aMissingFileFailsTheCompletion() {
        try (InMemoryBus bus = new InMemoryBus(1, 16)) {
            JsonlReplaySource source = new JsonlReplaySource(ReplayConfig.of(dir.resolve("absent.jsonl")),
                    FixtureTheatre.standard(), bus, new SimpleMeterRegistry(), Clock.systemUTC());
            source.start();
            assertThat(source.completion()).failsWithin(Duration.ofSeconds(30));
        }
    }

    private static double rejections(SimpleMeterRegistry registry, String reason) {
        return registry.get("shekara.adapter.rejections").tag("adapter", "jsonl").tag("reason", reason).counter().count();
    }

    private Path write(String name, String... lines) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }
}

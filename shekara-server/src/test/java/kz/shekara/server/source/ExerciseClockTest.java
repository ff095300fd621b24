package kz.shekara.server.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import kz.shekara.sim.FixtureTheatre;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.testing.SettableClock;
import org.junit.jupiter.api.Test;

class ExerciseClockTest {
    private static final Instant WALL0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant EVENT0 = Instant.parse("2026-03-01T06:00:00Z");

    @Test
    void readsTheWallClockUntilTheScenarioBeginsThenTheScenariosEventTime() throws Exception {
        SettableClock wall = new SettableClock(WALL0);
        ExerciseClock exercise = new ExerciseClock(wall, 10);
        assertThat(exercise.instant()).isEqualTo(WALL0);
        try (RecordingBus bus = new RecordingBus()) {
            SimulationSource source = new SimulationSource(new SimulationSourceConfig(5, EVENT0, 10, null,
                    ScenarioConfig.DEFAULT), FixtureTheatre.standard(), bus, new SimpleMeterRegistry(), wall);
            source.follow(exercise);
            source.start();
            try {
                assertThat(exercise.instant()).isEqualTo(EVENT0);
                wall.advance(Duration.ofSeconds(3));
                // Ten event seconds per wall second: three wall seconds are thirty of the exercise, once the
                // scenario has published that far (until then the clock waits for it).
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!exercise.instant().equals(EVENT0.plusSeconds(30)) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(exercise.instant()).isEqualTo(EVENT0.plusSeconds(30));
            } finally {
                source.close();
            }
        }
    }

    @Test
    void refusesAClockOfAnotherSpeedOrAfterTheStart() throws Exception {
        SettableClock wall = new SettableClock(WALL0);
        try (RecordingBus bus = new RecordingBus()) {
            SimulationSource source = new SimulationSource(new SimulationSourceConfig(5, EVENT0, 10, null,
                    ScenarioConfig.DEFAULT), FixtureTheatre.standard(), bus, new SimpleMeterRegistry(), wall);
            assertThatThrownBy(() -> source.follow(new ExerciseClock(wall, 5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed");
            source.start();
            try {
                assertThatThrownBy(() -> source.follow(new ExerciseClock(wall, 10)))
                        .isInstanceOf(IllegalStateException.class);
            } finally {
                source.close();
            }
        }
        assertThatThrownBy(() -> new ExerciseClock(wall, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScenarioBehindItsScheduleHoldsTheClockOneStepAheadOfWhatItHasPublished() {
        SettableClock wall = new SettableClock(WALL0);
        ExerciseClock exercise = new ExerciseClock(wall, 10);
        exercise.begin(EVENT0, WALL0, Duration.ofSeconds(1));
        wall.advance(Duration.ofSeconds(60));
        // The schedule says ten exercise minutes; the scenario has published nothing past its start.
        assertThat(exercise.instant()).isEqualTo(EVENT0.plusSeconds(1));
        exercise.published(EVENT0.plusSeconds(100));
        assertThat(exercise.instant()).isEqualTo(EVENT0.plusSeconds(101));
        // Caught up: the schedule again.
        exercise.published(EVENT0.plusSeconds(700));
        assertThat(exercise.instant()).isEqualTo(EVENT0.plusSeconds(600));
    }
}

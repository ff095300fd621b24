package kz.shekara.incident;

import static kz.shekara.incident.ResponseFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.sim.FixtureTheatre;
import org.junit.jupiter.api.Test;

/**
 * A property of the response records: whatever the order and the stamps of the steps (a device clock
 * behind, a late report, steps logged out of order), no duration of a record, and so none of the
 * statistics served at /stats/response and printed by the weekly report, is negative. Seeded random
 * cases, so a failure names its seed and repeats.
 */
class ResponseTimesOrderTest {
    private static final int CASES = 2_000;
    private static final List<Function<ResponseRecord, Optional<Duration>>> DURATIONS = List.of(
            ResponseRecord::alertToDispatch, ResponseRecord::dispatchToOnScene, ResponseRecord::detectionToOnScene);

    @Test
    void noStepOrderGivesANegativeDuration() {
        for (long seed = 1; seed <= CASES; seed++) {
            Random random = new Random(seed);
            ResponseTimes times = new ResponseTimes(FixtureTheatre.standard(), Duration.ofHours(6));
            randomLog(random).forEach(times::apply);
            for (ResponseRecord r : times.records()) {
                for (Function<ResponseRecord, Optional<Duration>> d : DURATIONS) {
                    long seed0 = seed;
                    d.apply(r).ifPresent(x -> assertThat(x.isNegative()).as("seed %d, %s", seed0, r).isFalse());
                }
            }
            ResponseStatistics s = ResponseStatistics.of(times.records(), null, null);
            for (ResponseStatistics.Distribution d : List.of(s.all().alertToDispatch(), s.all().dispatchToOnScene(),
                    s.all().detectionToOnScene())) {
                if (d.count() > 0) {
                    assertThat(d.minS()).as("seed %d", seed).isGreaterThanOrEqualTo(0);
                }
            }
        }
    }

    @Test
    void aStepStampedBeforeTheOneItFollowsIsCountedNotTaken() {
        ResponseTimes times = new ResponseTimes(FixtureTheatre.standard(), Duration.ofHours(6));
        times.apply(ResponseFixtures.alert("A-1", 60, "land", null, RuleKind.BORDER_CROSSING, 41.2, 69.3));
        times.apply(step(60, IncidentEvent.Change.OPENED, IncidentStatus.OPEN, "A-1"));
        times.apply(step(300, IncidentEvent.Change.STATUS, IncidentStatus.ASSIGNED, null));
        // A report stamped before the dispatch, as the weekly report once printed "−16:54" from.
        times.apply(step(200, IncidentEvent.Change.STATUS, IncidentStatus.ON_SCENE, null));
        ResponseRecord r = times.records().get(0);
        assertThat(r.dispatched()).isEqualTo(t(300));
        assertThat(r.onScene()).isNull();
        assertThat(times.refusedSteps()).isEqualTo(1);
        times.apply(step(900, IncidentEvent.Change.STATUS, IncidentStatus.ON_SCENE, null));
        assertThat(times.records().get(0).dispatchToOnScene()).contains(Duration.ofSeconds(600));
    }

    /** One to four incidents, each with an alert and its steps at random times in random order. */
    private static List<DomainEvent> randomLog(Random random) {
        List<DomainEvent> out = new ArrayList<>();
        int incidents = 1 + random.nextInt(4);
        for (int i = 0; i < incidents; i++) {
            long alertS = random.nextInt(3600);
            String alert = "A-" + i;
            String track = random.nextBoolean() ? "T-" + i : null;
            if (track != null) {
                out.add(ResponseFixtures.track(track, alertS - 600 + random.nextInt(1200), 41.2, 69.3));
            }
            out.add(ResponseFixtures.alert(alert, alertS + random.nextInt(120) - 60, "land", track,
                    RuleKind.BORDER_CROSSING, 41.2, 69.3));
            out.add(event(i, alertS, IncidentEvent.Change.OPENED, IncidentStatus.OPEN, alert));
            List<IncidentStatus> steps = new ArrayList<>(List.of(IncidentStatus.ASSIGNED, IncidentStatus.EN_ROUTE,
                    IncidentStatus.ON_SCENE, IncidentStatus.RESOLVED));
            steps.removeIf(s -> random.nextInt(4) == 0);
            Collections.shuffle(steps, random);
            for (IncidentStatus s : steps) {
                out.add(event(i, alertS + random.nextInt(2400) - 1200, IncidentEvent.Change.STATUS, s, null));
            }
        }
        return out;
    }

    private static IncidentEvent step(long s, IncidentEvent.Change change, IncidentStatus status, String alert) {
        return event(0, s, change, status, alert);
    }

    private static IncidentEvent event(int i, long s, IncidentEvent.Change change, IncidentStatus status,
                                       String alert) {
        Instant time = t(s);
        return new IncidentEvent(time, "IN-" + i, change, status, alert, "PATROL-1", "duty", "",
                status == IncidentStatus.RESOLVED ? kz.shekara.model.Disposition.CONFIRMED : null, "land",
                Severity.HIGH, 41.2, 69.3, FixtureTheatre.MARKING);
    }
}

package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.Refusal;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitClaim;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.Test;

/**
 * The fold of the claims on units as two desks' {@link UnitClaims} read them from one bus: the first claim of a free
 * unit wins, a claim for another task loses with the holder named, the holder's claim handled again wins again, a
 * release by another task is void, the holder's release frees the unit; a claim nobody answers is refused and
 * released.
 */
class UnitClaimsTest {
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KNB-PS", Set.of());
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theFirstClaimOfAFreeUnitWinsAndItsReleaseFreesIt() {
        InMemoryBus bus = new InMemoryBus();
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        UnitClaims a = new UnitClaims(bus, Duration.ofSeconds(5), metersA);
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        UnitClaims b = new UnitClaims(bus, Duration.ofSeconds(5), metersB);
        bus.subscribe(Topic.UNIT_CLAIMS, "claims-a", a::take);
        bus.subscribe(Topic.UNIT_CLAIMS, "claims-b", b::take);
        Task onA = task("INC-1", "HELI-1");
        Task onB = task("INC-2", "HELI-1");

        a.claim(onA, "uz-03");
        assertThatThrownBy(() -> b.claim(onB, "kg-01")).isInstanceOf(Refusal.Conflict.class)
                .hasMessage("unit HELI-1 is tasked already: another desk claimed it first for INC-1.HELI-1; not tasked twice");
        a.claim(onA, "uz-03"); // the same dispatch handled again (a take-over) wins again
        b.release(onB, "kg-01"); // void: INC-2's task does not hold the unit
        assertThatThrownBy(() -> b.claim(onB, "kg-01")).isInstanceOf(Refusal.Conflict.class);
        assertThat(b.held()).containsEntry("HELI-1", "INC-1.HELI-1");

        a.release(onA.next(T0.plusSeconds(60), TaskStatus.ENDED, 43.6, 51.2, Double.NaN, "commander", ""), "uz-03");
        b.claim(onB, "kg-01");
        assertThat(b.held()).containsEntry("HELI-1", "INC-2.HELI-1");
        assertThat(metersA.counter("shekara.response.claims.won").count()).isEqualTo(2.0);
        assertThat(metersB.counter("shekara.response.claims.lost").count()).isEqualTo(2.0);
        assertThat(metersB.get("shekara.response.claims.held").gauge().value()).isEqualTo(1.0);
        bus.close();
    }

    @Test
    void aClaimNobodyAnswersIsRefusedAndReleased() throws Exception {
        InMemoryBus bus = new InMemoryBus();
        List<UnitClaim> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        bus.subscribe(Topic.UNIT_CLAIMS, "watch", sent::add); // nobody folds the claims
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UnitClaims a = new UnitClaims(bus, Duration.ofMillis(200), meters);

        assertThatThrownBy(() -> a.claim(task("INC-1", "HELI-1"), "uz-03")).isInstanceOf(Refusal.Conflict.class)
                .hasMessageContaining("no answer");
        bus.drain();
        assertThat(sent).extracting(UnitClaim::kind).containsExactly(UnitClaim.Kind.CLAIM, UnitClaim.Kind.RELEASE);
        assertThat(meters.counter("shekara.response.claims.unanswered").count()).isEqualTo(1.0);
        bus.close();
    }

    private static Task task(String incident, String unit) {
        return new Task(T0, incident + "." + unit, incident, unit, TaskStatus.DISPATCHED, "uz-03-1", 43.6, 51.2, 600,
                "commander", "", MARKING);
    }
}

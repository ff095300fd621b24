package kz.shekara.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.shekara.model.Classification;
import kz.shekara.model.ControlChange;
import kz.shekara.model.Marking;
import org.junit.jupiter.api.Test;

/** The record's rule for transfers: made from the holder as recorded so far, or no effect; crises' changes always. */
class ControlOfRecordTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "kz-bs", List.of("kz-mod"));
    private static final Map<String, String> OWN = Map.of("W-1", "west", "W-2", "west", "E-1", "east");

    private static ControlOfRecord record() {
        return new ControlOfRecord(OWN::get);
    }

    private static ControlChange transfer(int s, String unit, String from, String to) {
        return new ControlChange(T0.plusSeconds(s), unit, to, from, "commander-" + to, "r", null, MARKING);
    }

    private static ControlChange byCrisis(int s, String unit, String to) {
        return new ControlChange(T0.plusSeconds(s), unit, to, "commander", "incursion", "west-20260301T060000Z",
                MARKING);
    }

    @Test
    void ofTwoRivalTransfersFromOneHolderTheFirstRecordedStands() {
        ControlOfRecord record = record();
        ControlChange toEast = transfer(1, "W-1", "west", "east");
        ControlChange toSouth = transfer(1, "W-1", "west", "mod-south");
        assertThat(record.take(toEast)).isTrue();
        assertThat(record.refusal(toSouth)).hasValue(
                "unit W-1 changed hands meanwhile: now under east, not west; not transferred to mod-south");
        assertThat(record.take(toSouth)).isFalse();
        assertThat(record.holder("W-1")).isEqualTo("east");
        assertThat(record.changes()).containsExactly(toEast);
        // Made from the holder the record gives, the next transfer takes effect.
        assertThat(record.take(transfer(2, "W-1", "east", "mod-south"))).isTrue();
        assertThat(record.holder("W-1")).isEqualTo("mod-south");
        assertThat(record.holder("W-2")).as("never changed: its own command").isEqualTo("west");
    }

    @Test
    void aTransferAfterACrisisChangeIsTakenFromTheCrisisCommandOnly() {
        ControlOfRecord record = record();
        assertThat(record.take(byCrisis(0, "W-1", "mod-south"))).isTrue();
        assertThat(record.take(transfer(1, "W-1", "west", "east"))).as("made before the crisis was recorded")
                .isFalse();
        assertThat(record.take(transfer(2, "W-1", "mod-south", "east"))).isTrue();
        assertThat(record.holder("W-1")).isEqualTo("east");
        // A crisis's change takes effect whoever holds the unit (its end hands back what is still under it).
        assertThat(record.take(byCrisis(3, "W-1", "west"))).isTrue();
        assertThat(record.holder("W-1")).isEqualTo("west");
    }

    @Test
    void aChangeThatDoesNotSayWhomItWasMadeFromIsAlwaysTaken() {
        ControlOfRecord record = record();
        ControlChange old = new ControlChange(T0, "E-1", "mod-south", "commander", "logged before", MARKING);
        assertThat(record.take(transfer(0, "E-1", "east", "west"))).isTrue();
        assertThat(record.refusal(old)).isEmpty();
        assertThat(record.take(old)).isTrue();
        assertThat(record.holder("E-1")).isEqualTo("mod-south");
    }

    @Test
    void aReaderWithoutTheUnitsOwnCommandTakesItsFirstTransferAsItComes() {
        ControlOfRecord record = new ControlOfRecord(u -> null);
        assertThat(record.holder("W-1")).isNull();
        assertThat(record.take(transfer(0, "W-1", "mod-south", "east"))).isTrue();
        assertThat(record.take(transfer(1, "W-1", "west", "mod-south"))).isFalse();
    }

    @Test
    void aReplayFromTheStartGivesTheSameHolders() {
        List<ControlChange> log = List.of(transfer(0, "W-1", "west", "east"), transfer(0, "W-1", "west", "mod-south"),
                byCrisis(1, "W-2", "mod-south"), transfer(2, "W-2", "west", "east"),
                transfer(3, "W-2", "mod-south", "east"), transfer(3, "W-2", "mod-south", "west"),
                transfer(4, "W-1", "east", "west"));
        ControlOfRecord live = record();
        List<Boolean> taken = new ArrayList<>();
        log.forEach(c -> taken.add(live.take(c)));
        assertThat(taken).containsExactly(true, false, true, false, true, false, true);

        ControlOfRecord replayed = record();
        log.forEach(replayed::take);
        assertThat(replayed.changes()).isEqualTo(live.changes());
        for (String unit : OWN.keySet()) {
            assertThat(replayed.holder(unit)).as(unit).isEqualTo(live.holder(unit));
        }
        assertThat(live.holder("W-1")).isEqualTo("west");
        assertThat(live.holder("W-2")).isEqualTo("east");

        // Taken back from a snapshot of the fold, the record goes on as the fold would.
        ControlOfRecord restored = record();
        restored.restore(live.changes());
        ControlChange next = transfer(5, "W-2", "east", "mod-south");
        assertThat(restored.take(next)).isEqualTo(live.take(next)).isTrue();
    }
}

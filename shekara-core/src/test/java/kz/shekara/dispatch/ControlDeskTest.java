package kz.shekara.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.Refusal;
import kz.shekara.theatre.Command;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;

/** Single-unit transfers and crises: who may, to which command, and what ending a crisis hands back. */
class ControlDeskTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    /** Released to nobody: the desk must add the ministry to what concerns it. */
    private static final Marking OWN = Marking.of(Classification.RESTRICTED, "kz-bs", List.of());

    private static Theatre theatre() {
        List<Unit> units = List.of(unit("W-1", "west"), unit("W-2", "west"), unit("W-3", "west"), unit("E-1", "east"));
        List<Command> commands = List.of(new Command("west", "West", "w", 41.7, 69.3, "kz-bs"),
                new Command("east", "East", "e", 41.7, 69.9, "kz-bs"),
                new Command("mod-south", "South", "s", 42.3, 69.6, "kz-mod"));
        return new Theatre("control", OWN, List.of(), List.of(), List.of(), List.of(), units, List.of(), commands,
                Theatre.KAZAKHSTAN_TIME);
    }

    private static Unit unit(String id, String command) {
        return new Unit(id, id, UnitKind.GROUND_VEHICLE, "post", command, 22.2, 10, Duration.ofMinutes(5), 600, "kk");
    }

    @Test
    void aCrisisMovesEveryUnitOfItsCommandAndItsEndReturnsThoseStillUnderIt() {
        ControlDesk desk = new ControlDesk(theatre());
        ControlDesk.Outcome declared = desk.declare("west", "mod-south", "commander", "incursion", T0);
        String id = declared.event().crisis();
        assertThat(id).isEqualTo("west-20260301T060000Z");
        assertThat(declared.event().marking().releasableTo("kz-mod")).isTrue();
        assertThat(declared.changes()).extracting(ControlChange::unit).containsExactly("W-1", "W-2", "W-3");
        assertThat(declared.changes()).allSatisfy(c -> {
            assertThat(c.command()).isEqualTo("mod-south");
            assertThat(c.crisis()).isEqualTo(id);
            assertThat(c.marking().releasableTo("kz-mod")).isTrue();
        });
        assertThat(desk.holder("W-1")).isEqualTo("mod-south");
        assertThat(desk.holder("E-1")).isEqualTo("east");

        // The ministry hands W-2 to the east command on its own: it stays there when the crisis ends.
        ControlChange lent = desk.transfer("W-2", "east", "mod-commander", "kz-mod", "reinforces east",
                T0.plusSeconds(60));
        assertThat(lent.crisis()).isNull();
        assertThat(lent.from()).as("made from the crisis's command, which held it").isEqualTo("mod-south");
        assertThat(lent.marking().releasableTo("kz-mod")).as("the old holder's agency sees it").isTrue();
        ControlDesk.Outcome ended = desk.end(id, "commander", null, T0.plusSeconds(120));
        assertThat(ended.event().status()).isEqualTo(CrisisEvent.Status.ENDED);
        assertThat(ended.changes()).extracting(ControlChange::unit).containsExactly("W-1", "W-3");
        assertThat(desk.holder("W-1")).isEqualTo("west");
        assertThat(desk.holder("W-2")).isEqualTo("east");
        assertThat(desk.crises()).isEmpty();
    }

    @Test
    void aTransferralIsMadeFromTheHolderAndNotApplied() {
        ControlDesk desk = new ControlDesk(theatre());
        ControlChange proposed = desk.transferral("W-1", "east", "commander", "kz-bs", "reinforces east", T0);
        assertThat(proposed.from()).isEqualTo("west");
        assertThat(proposed.command()).isEqualTo("east");
        assertThat(desk.holder("W-1")).as("recorded first, applied once taken").isEqualTo("west");
        assertThatThrownBy(() -> desk.transferral("W-1", "mod-south", "mod-commander", "kz-mod", "r", T0))
                .isInstanceOf(Refusal.Conflict.class);
    }

    @Test
    void refusesWhatTheTheatreAndTheHolderDoNotAllow() {
        ControlDesk desk = new ControlDesk(theatre());
        assertThatThrownBy(() -> desk.transfer("W-1", "mod", "commander", "kz-bs", "crisis", T0))
                .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("'mod' is not defined");
        assertThatThrownBy(() -> desk.transfer("W-1", "east", "commander", "kz-bs", " ", T0))
                .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> desk.transfer("X-9", "east", "commander", "kz-bs", "r", T0))
                .isInstanceOf(Refusal.NotFound.class);
        assertThatThrownBy(() -> desk.transfer("W-1", "mod-south", "mod-commander", "kz-mod", "r", T0))
                .isInstanceOf(Refusal.Conflict.class).hasMessageContaining("under the operational control of west");
        assertThatThrownBy(() -> desk.declare("west", "east", "commander", "r", T0))
                .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("another agency");
        assertThatThrownBy(() -> desk.declare("mod-south", "mod-south", "commander", "r", T0))
                .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("not a command of kz-bs");
        assertThatThrownBy(() -> desk.declare("west", "mod-south", "commander", "", T0))
                .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("reason");
        desk.declare("west", "mod-south", "commander", "r", T0);
        assertThatThrownBy(() -> desk.declare("west", "mod-south", "commander", "r", T0.plusSeconds(1)))
                .isInstanceOf(Refusal.Conflict.class);
        assertThatThrownBy(() -> desk.end("west-none", "commander", null, T0)).isInstanceOf(Refusal.NotFound.class);
        // Under the ministry, the border service cannot take one unit back on its own.
        assertThatThrownBy(() -> desk.transfer("W-1", "west", "commander", "kz-bs", "r", T0.plusSeconds(2)))
                .isInstanceOf(Refusal.Conflict.class);
    }

    @Test
    void theEventsItMadeGiveTheSameStateToAFreshDesk() {
        ControlDesk live = new ControlDesk(theatre());
        ControlDesk.Outcome d = live.declare("west", "mod-south", "commander", "r", T0);
        ControlChange lent = live.transfer("W-3", "east", "mod-commander", "kz-mod", "r", T0.plusSeconds(5));
        ControlDesk replayed = new ControlDesk(theatre());
        replayed.onCrisis(d.event());
        d.changes().forEach(replayed::onControl);
        replayed.onControl(lent);
        assertThat(replayed.crises()).isEqualTo(live.crises());
        for (String u : List.of("W-1", "W-2", "W-3", "E-1")) {
            assertThat(replayed.holder(u)).isEqualTo(live.holder(u));
        }
        assertThat(replayed.end(d.event().crisis(), "c", null, T0.plusSeconds(9)).changes())
                .isEqualTo(live.end(d.event().crisis(), "c", null, T0.plusSeconds(9)).changes());
    }

    @Test
    void desksTakingOneRecordOfCrisesInItsOrderHoldTheSameOnesWhoeverMadeThem() {
        // Two nodes declare a crisis for west at the same moment, each on a desk that has seen neither.
        ControlDesk a = new ControlDesk(theatre());
        ControlDesk b = new ControlDesk(theatre());
        CrisisEvent first = a.declaration("west", "mod-south", "commander", "incursion", T0);
        CrisisEvent second = b.declaration("west", "mod-south", "mod-commander", "drill", T0.plusSeconds(1));
        assertThat(a.crises()).as("a declaration made is not taken before it is recorded").isEmpty();
        // Recorded in that order: the first stands on every desk, the second changes nothing anywhere.
        for (ControlDesk desk : List.of(a, b)) {
            ControlDesk.Outcome taken = desk.take(first);
            assertThat(taken.changes()).extracting(ControlChange::unit).containsExactly("W-1", "W-2", "W-3");
            assertThatThrownBy(() -> desk.take(second)).isInstanceOf(Refusal.Conflict.class)
                    .hasMessageContaining(first.crisis() + " is in force for west");
            assertThat(desk.crises()).containsExactly(first);
            assertThat(desk.holder("W-1")).isEqualTo("mod-south");
        }
        // Both end it: the first end recorded hands the units back, the second is refused as ended already.
        CrisisEvent endA = a.ending(first.crisis(), "commander", null, T0.plusSeconds(60));
        CrisisEvent endB = b.ending(first.crisis(), "mod-commander", "over", T0.plusSeconds(61));
        for (ControlDesk desk : List.of(a, b)) {
            assertThat(desk.take(endA).changes()).extracting(ControlChange::unit).containsExactly("W-1", "W-2", "W-3");
            assertThatThrownBy(() -> desk.take(endB)).isInstanceOf(Refusal.Conflict.class)
                    .hasMessageContaining("was ended at " + endA.time() + " by commander");
            assertThat(desk.crises()).isEmpty();
            assertThat(desk.crisis(first.crisis())).contains(endA);
            assertThat(desk.holder("W-1")).isEqualTo("west");
        }
        // On one desk: ending it again is a conflict (it was ended), a crisis never declared is not found.
        assertThatThrownBy(() -> a.end(first.crisis(), "commander", null, T0.plusSeconds(90)))
                .isInstanceOf(Refusal.Conflict.class);
        assertThatThrownBy(() -> a.end("west-none", "commander", null, T0)).isInstanceOf(Refusal.NotFound.class);
    }

    @Test
    void aDeclarationReadAfterLaterControlChangesLeavesThoseUnits() {
        // The node that made them: a crisis, one unit lent on, the crisis ended.
        ControlDesk maker = new ControlDesk(theatre());
        ControlDesk.Outcome declared = maker.declare("west", "mod-south", "commander", "r", T0);
        ControlChange lent = maker.transfer("W-2", "east", "mod-commander", "kz-mod", "r", T0.plusSeconds(5));
        ControlDesk.Outcome ended = maker.end(declared.event().crisis(), "commander", null, T0.plusSeconds(9));
        // A node that joins reads every control change before the crisis events (two records, no common order).
        ControlDesk joiner = new ControlDesk(theatre());
        declared.changes().forEach(joiner::onControl);
        joiner.onControl(lent);
        ended.changes().forEach(joiner::onControl);
        assertThat(joiner.takeRecorded(declared.event()).changes()).as("every unit has a change not older").isEmpty();
        joiner.onCrisis(ended.event());
        for (String u : List.of("W-1", "W-2", "W-3", "E-1")) {
            assertThat(joiner.holder(u)).as(u).isEqualTo(maker.holder(u));
        }
        // Read the other way round, a declaration hands its units over as the maker did.
        ControlDesk reader = new ControlDesk(theatre());
        assertThat(reader.takeRecorded(declared.event()).changes()).isEqualTo(declared.changes());
    }
}

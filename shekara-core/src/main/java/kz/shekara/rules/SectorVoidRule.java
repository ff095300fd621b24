package kz.shekara.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;

/**
 * A sector (a SECTOR zone) left with no available friendly unit inside it or within
 * {@code reachM} of it: its last available unit tasked, handed to another command or out of
 * service (the status its position carries: the caller gives the status the unit's task and
 * control give it), or gone stale. Needs unit positions: without any, nothing is known of the units
 * and nothing is reported. Checked when a unit reports (only the sectors in its reach), when a
 * unit's last position grows stale, and for every sector once the start-up grace has passed and
 * positions are known (so a sector that never had a unit is reported too). When a unit is back the
 * alert is withdrawn and the rule re-armed. Not thread-safe.
 */
final class SectorVoidRule implements Rule {
    private final RulesConfig.SectorVoid config;
    private final ZoneIndex sectors;
    private final Map<String, UnitPosition> units = new LinkedHashMap<>();
    private Instant start;
    private boolean graceOver;
    /** Every sector has been checked once since positions were first known. */
    private boolean swept;
    /** No unit's report is older than this (null when there is none): until it grows stale, none is. */
    private Instant oldestReport;

    SectorVoidRule(Theatre theatre, RulesConfig.SectorVoid config) {
        this.config = config;
        List<Zone> zones = new ArrayList<>(theatre.zones(ZoneKind.SECTOR));
        this.sectors = new ZoneIndex(zones, z -> config.reachM());
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SECTOR_VOID;
    }

    @Override
    public void onUnit(UnitPosition p, RuleContext ctx) {
        if (!p.cotType().startsWith("a-f-")) {
            return;
        }
        UnitPosition before = units.put(p.unit(), p);
        if (oldestReport == null || p.time().isBefore(oldestReport)) {
            oldestReport = p.time();
        }
        if (!graceOver) {
            return;
        }
        if (!swept) {
            sweep(p.time(), ctx);
            return;
        }
        List<IndexedZone> touched = new ArrayList<>(sectors.near(p.lat(), p.lon()));
        if (before != null) {
            sectors.near(before.lat(), before.lon()).stream().filter(z -> !touched.contains(z)).forEach(touched::add);
        }
        for (IndexedZone z : touched) {
            check(z, p.time(), ctx);
        }
    }

    @Override
    public void onTime(Instant now, RuleContext ctx) {
        if (start == null) {
            start = now;
        }
        Instant staleBefore = now.minus(config.unitStale());
        List<UnitPosition> stale = oldestReport == null || !oldestReport.isBefore(staleBefore) ? List.of()
                : units.values().stream().filter(u -> u.time().isBefore(staleBefore)).toList();
        if (!stale.isEmpty()) {
            stale.forEach(u -> units.remove(u.unit()));
            oldestReport = units.values().stream().map(UnitPosition::time).min(Instant::compareTo).orElse(null);
        }
        if (!graceOver && !now.isBefore(start.plus(config.startupGrace()))) {
            graceOver = true;
            if (!units.isEmpty()) {
                sweep(now, ctx);
            }
            return;
        }
        if (graceOver) {
            for (UnitPosition u : stale) {
                for (IndexedZone z : sectors.near(u.lat(), u.lon())) {
                    check(z, now, ctx);
                }
            }
        }
    }

    private void sweep(Instant time, RuleContext ctx) {
        swept = true;
        for (IndexedZone z : sectors.zones()) {
            check(z, time, ctx);
        }
    }

    private void check(IndexedZone sector, Instant time, RuleContext ctx) {
        String key = kind().code() + "|" + sector.id() + "|";
        for (UnitPosition u : units.values()) {
            if (u.status() == UnitStatus.AVAILABLE && sector.distanceM(u.lat(), u.lon()) <= config.reachM()) {
                if (ctx.active(key)) {
                    ctx.withdraw(key, time, "rules", "an available unit is back in " + sector.zone().name());
                } else {
                    ctx.reset(key);
                }
                return;
            }
        }
        ctx.raise(new Finding(key, time, kind(), Severity.HIGH, sector.zone().sector(), sector.id(), null, null, null,
                sector.centreLat(), sector.centreLon(), new TreeSet<>(), "no available unit in or within "
                + Math.round(config.reachM() / 1000) + " km of " + sector.zone().name(), marking(sector, ctx),
                new AlertFacts.SectorVoid(Places.of(sector.zone()), config.reachM())));
    }

    /**
     * The exercise flag follows the units whose reports left the sector without one: an exercise when
     * every unit within reach (or, with none within reach, every unit known) reports as an exercise.
     */
    private Marking marking(IndexedZone sector, RuleContext ctx) {
        List<UnitPosition> near = units.values().stream()
                .filter(u -> sector.distanceM(u.lat(), u.lon()) <= config.reachM()).toList();
        java.util.Collection<UnitPosition> cause = near.isEmpty() ? units.values() : near;
        boolean exercise = !cause.isEmpty() && cause.stream().allMatch(u -> u.marking().exercise());
        return exercise ? ctx.defaultMarking().asExercise() : ctx.defaultMarking();
    }
}

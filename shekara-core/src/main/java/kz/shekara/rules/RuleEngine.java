package kz.shekara.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.AlertState;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;

/**
 * Runs a theatre's rules over tracks, detections, heartbeats and unit positions in event-time order
 * and turns their findings into alerts: one alert per key (rule, zone, subject) until the rule
 * re-arms it. Keeps each sector's posture, which sharpens the thresholds. Event time only: the
 * watermark is the latest event time seen (or given to {@link #advance}); time-driven rules (sensor
 * silent, sector void) and the ending of tracks not updated for the track timeout run when it moves.
 * A track update with status {@link TrackStatus#DELETED} (the live tracker ended the track) is not a
 * position: no rule sees it; it ends the track's rule state at once, as the timeout would later.
 * Alert ids are a hash of key and time, so a replay gives the same ids. A track's alert re-armed by
 * its rule stays in force for {@link #REARM_HOLD} of event time: a finding within it continues the
 * alert, so a noisy velocity or position estimate that dips under a threshold for a scan or two does
 * not raise the same alert again. Not thread-safe: drive it from one thread (the live service
 * serialises calls).
 */
public final class RuleEngine {
    /** How long a track's re-armed alert must stay clear before the same finding raises a new alert. */
    public static final java.time.Duration REARM_HOLD = java.time.Duration.ofSeconds(60);
    private final Theatre theatre;
    private final RulesConfig config;
    private final List<Rule> rules;
    private final Map<String, Posture> postures = new LinkedHashMap<>();
    private final Map<String, Active> active = new HashMap<>();
    /** Active track alerts whose rule has re-armed them, with the event time it first did. */
    private final Map<String, Instant> rearmedAt = new HashMap<>();
    private final Map<String, Set<String>> keysByTrack = new HashMap<>();
    private final Map<String, Instant> trackSeen = new LinkedHashMap<>();
    /** The sector of each track's latest update, for the tracks in {@link #trackSeen}. */
    private final Map<String, String> trackSector = new HashMap<>();
    private Instant watermark;
    private Instant nextSweep;

    private record Active(String id, String track, Marking marking) {
    }

    public RuleEngine(Theatre theatre, RulesConfig config) {
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.config = Objects.requireNonNull(config, "config");
        List<Rule> r = new ArrayList<>();
        if (config.borderCrossing() != null) {
            r.add(new BorderCrossingRule(theatre, config.borderCrossing()));
        }
        if (config.approach() != null) {
            r.add(new ApproachRule(theatre, config.approach(), config));
        }
        if (config.loitering() != null) {
            r.add(new LoiteringRule(theatre, config.loitering(), config));
        }
        if (config.speed() != null) {
            r.add(new SpeedRule(theatre, config.speed(), config));
        }
        if (config.sensorAlarm() != null) {
            r.add(new SensorAlarmRule(theatre, config.sensorAlarm()));
        }
        if (config.sensorSilent() != null) {
            r.add(new SensorSilentRule(theatre, config.sensorSilent()));
        }
        if (config.unitEmergency() != null) {
            r.add(new UnitEmergencyRule());
        }
        if (config.sectorVoid() != null) {
            r.add(new SectorVoidRule(theatre, config.sectorVoid()));
        }
        this.rules = List.copyOf(r);
        for (Sector s : theatre.sectors()) {
            postures.put(s.id(), s.posture());
        }
    }

    public List<DomainEvent> onTrack(TrackUpdate u) {
        if (u.status() == TrackStatus.DELETED) {
            Ctx ctx = new Ctx();
            tick(u.time(), ctx);
            if (trackSeen.remove(u.track()) != null) {
                forget(u.track(), ctx);
            }
            return ctx.out;
        }
        trackSector.put(u.track(), u.sector());
        return run(u.time(), (rule, ctx) -> rule.onTrack(u, ctx), u.track());
    }

    public List<DomainEvent> onDetection(Detection d) {
        return run(d.time(), (rule, ctx) -> rule.onDetection(d, ctx), null);
    }

    /**
     * Whether feeding this detection could change anything, given the latest time of a detection
     * from its sensor already fed to this engine ({@code sensorFedUpTo}, null when none): a detection
     * no later than that changes nothing — the watermark is already past its time, the sensor was
     * heard since — unless a rule {@linkplain Rule#needsRepeat needs every one} of its kind (alarms).
     * So a caller may skip such detections, as long as it only passes times of detections it did
     * feed, before (in order per sensor). Thread-safe: reads only the fixed rule set.
     */
    public boolean changedBy(Detection d, Instant sensorFedUpTo) {
        if (sensorFedUpTo == null || d.time().isAfter(sensorFedUpTo)) {
            return true;
        }
        for (Rule r : rules) {
            if (r.needsRepeat(d)) {
                return true;
            }
        }
        return false;
    }

    public List<DomainEvent> onHeartbeat(SensorHeartbeat h) {
        return run(h.time(), (rule, ctx) -> rule.onHeartbeat(h, ctx), null);
    }

    /**
     * Declares the theatre sensors a feed carries (its configuration): each is expected to report
     * from the next watermark on, and its silence is reported even if it was never heard. Without a
     * declaration a sensor is expected once it has reported. {@code feedMarking} marks the silence
     * of a sensor not yet heard (the feed's data: exercise for a simulated feed).
     */
    public void expectSensors(java.util.Collection<String> sensors, kz.shekara.model.Marking feedMarking) {
        java.util.Objects.requireNonNull(feedMarking, "feedMarking");
        for (Rule r : rules) {
            if (r instanceof SensorSilentRule s) {
                s.expect(sensors, feedMarking);
            }
        }
    }

    /**
     * Stops watching the sensors named for silence (their sectors are another desk's now): neither expected nor
     * remembered as heard, until they are heard again.
     */
    public void forgetSensors(java.util.Collection<String> sensors) {
        for (Rule r : rules) {
            if (r instanceof SensorSilentRule s) {
                s.forget(sensors);
            }
        }
    }

    /**
     * Drops the state of every track last seen in a sector {@code gone} accepts (their sectors are another
     * desk's now), in every rule, as if the tracks had ended: their dwell timers stop and their alert keys
     * re-arm. What that would raise is dropped.
     */
    public void forgetTracksIn(java.util.function.Predicate<String> gone) {
        Ctx ctx = new Ctx();
        for (String track : List.copyOf(trackSeen.keySet())) {
            if (gone.test(trackSector.get(track))) {
                trackSeen.remove(track);
                forget(track, ctx);
            }
        }
    }

    public List<DomainEvent> onUnit(UnitPosition p) {
        return run(p.time(), (rule, ctx) -> rule.onUnit(p, ctx), null);
    }

    /** Moves event time forward without an event (the live clock's tick); earlier times are ignored. */
    public List<DomainEvent> advance(Instant now) {
        Ctx ctx = new Ctx();
        tick(now, ctx);
        return ctx.out;
    }

    /** Applies a posture change (from a commander, or replayed from the log). */
    public void apply(PostureChange change) {
        if (!postures.containsKey(change.sector())) {
            throw new IllegalArgumentException("no sector '" + change.sector() + "' in theatre " + theatre.name());
        }
        postures.put(change.sector(), change.posture());
    }

    /** The posture of a sector; NORMAL for a null or unknown sector. */
    public Posture posture(String sector) {
        return sector == null ? Posture.NORMAL : postures.getOrDefault(sector, Posture.NORMAL);
    }

    /** Every sector's posture, in theatre order. */
    public Map<String, Posture> postures() {
        return Map.copyOf(postures);
    }

    /** The latest event time seen; null before the first event. */
    public Instant watermark() {
        return watermark;
    }

    private List<DomainEvent> run(Instant time, BiConsumer<Rule, RuleContext> call, String track) {
        Ctx ctx = new Ctx();
        tick(time, ctx);
        if (track != null) {
            trackSeen.remove(track);
            trackSeen.put(track, time);
        }
        for (Rule r : rules) {
            call.accept(r, ctx);
        }
        return ctx.out;
    }

    private void tick(Instant now, Ctx ctx) {
        if (watermark != null && !now.isAfter(watermark)) {
            return;
        }
        watermark = now;
        for (Rule r : rules) {
            r.onTime(now, ctx);
        }
        if (nextSweep == null) {
            nextSweep = now.plus(config.trackTimeout().dividedBy(4));
        } else if (!now.isBefore(nextSweep)) {
            sweepTracks(now, ctx);
            nextSweep = now.plus(config.trackTimeout().dividedBy(4));
        }
    }

    /** Ends tracks not updated for the track timeout; the map is in last-update order, so the scan stops early. */
    private void sweepTracks(Instant now, Ctx ctx) {
        Instant cutoff = now.minus(config.trackTimeout());
        var it = trackSeen.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().isBefore(cutoff)) {
                break;
            }
            it.remove();
            forget(e.getKey(), ctx);
        }
    }

    /** Drops an ended track's state in every rule and re-arms its alert keys. */
    private void forget(String track, Ctx ctx) {
        trackSector.remove(track);
        for (Rule r : rules) {
            r.forgetTrack(track, ctx);
        }
        Set<String> keys = keysByTrack.remove(track);
        if (keys != null) {
            keys.forEach(active::remove);
            keys.forEach(rearmedAt::remove);
        }
    }

    /** True while the engine holds state for the track (updated, not yet ended or timed out). */
    public boolean follows(String track) {
        return trackSeen.containsKey(track);
    }

    /** FNV-1a 64 of the key and the time: a stable, restart-safe alert id. */
    static String alertId(String key, Instant time) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (key + "@" + time).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return "AL-" + String.format(java.util.Locale.ROOT, "%016x", h);
    }

    private final class Ctx implements RuleContext {
        final List<DomainEvent> out = new ArrayList<>(2);

        @Override
        public Posture posture(String sector) {
            return RuleEngine.this.posture(sector);
        }

        @Override
        public RulesConfig.PostureProfile profile(String sector) {
            return config.profile(posture(sector));
        }

        @Override
        public Marking defaultMarking() {
            return theatre.defaultMarking();
        }

        @Override
        public void raise(Finding f) {
            if (active.containsKey(f.key())) {
                Instant rearmed = rearmedAt.get(f.key());
                if (rearmed == null) {
                    return;
                }
                if (f.time().isBefore(rearmed.plus(REARM_HOLD))) {
                    rearmedAt.remove(f.key()); // back within the hold: the alert in force goes on
                    return;
                }
                drop(f.key());
            }
            Marking marking = f.marking() == null ? theatre.defaultMarking() : f.marking();
            Alert a = new Alert(f.time(), alertId(f.key(), f.time()), f.rule(), f.severity(), f.sector(), f.zone(),
                    f.track(), f.sensor(), f.unit(), f.lat(), f.lon(), f.sensors(), f.detail(), marking, f.facts());
            active.put(f.key(), new Active(a.id(), f.track(), marking));
            if (f.track() != null) {
                keysByTrack.computeIfAbsent(f.track(), t -> new LinkedHashSet<>()).add(f.key());
            }
            out.add(a);
        }

        @Override
        public void reset(String key) {
            Active a = active.get(key);
            if (a != null && a.track() != null && watermark != null) {
                rearmedAt.putIfAbsent(key, watermark);
                return;
            }
            drop(key);
        }

        private void drop(String key) {
            rearmedAt.remove(key);
            Active a = active.remove(key);
            if (a != null && a.track() != null) {
                Set<String> keys = keysByTrack.get(a.track());
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        keysByTrack.remove(a.track());
                    }
                }
            }
        }

        @Override
        public boolean active(String key) {
            return active.containsKey(key);
        }

        @Override
        public void withdraw(String key, Instant time, String by, String note) {
            Active a = active.get(key);
            if (a == null) {
                return;
            }
            drop(key);
            out.add(new AlertChange(time, a.id(), AlertState.CLOSED, by, null, note, a.marking()));
        }
    }
}

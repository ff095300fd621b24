package kz.shekara.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TruthState;
import kz.shekara.theatre.Sensor;

/**
 * The probability of detection each fixed sensor achieves, measured against ground truth (a
 * simulated scenario, or a replay with surveyed truth). An opportunity is one object inside a
 * sensor's coverage during one of its scan periods (for alarm sensors — fence, ground sensor — one
 * pass of an object through the coverage); it is a hit when the sensor reported a plot within
 * {@value #GATE_SIGMAS} sigma (plus the object's movement since the nearest truth) of the object's
 * true position during it. Radiation portals and AIS receivers are left out: truth does not say which
 * object carries a source or a transponder. Event time only; periods are aligned to the epoch so the result does not depend on when
 * counting started. Thread-safe (truth and detections may come from different threads); an
 * opportunity is counted once the watermark of truth time has passed its end by {@code lateness}.
 */
public final class DetectionProbability {
    /** Gate around the true position, in sensor sigmas. */
    public static final double GATE_SIGMAS = 4.0;

    /** One sensor's figures so far. {@code pd} is NaN until it had an opportunity. */
    public record Estimate(String sensor, String kind, long opportunities, long hits, double pd) {
    }

    private final Map<String, Sensor> sensors = new TreeMap<>();
    private final Duration lateness;
    private final Map<String, Deque<TruthState>> history = new HashMap<>();
    private final Map<String, Counts> counts = new TreeMap<>();
    /** Open opportunities: sensor → window or pass key → object → hit. */
    private final Map<String, Map<Long, Map<String, Boolean>>> open = new HashMap<>();
    /** For alarm sensors: the pass number an object is on while inside the coverage. */
    private final Map<String, Map<String, Long>> passes = new HashMap<>();
    private final Map<String, Long> passEnds = new HashMap<>();
    private Instant watermark = Instant.MIN;
    private long passCounter;

    private static final class Counts {
        long opportunities;
        long hits;
    }

    public DetectionProbability(List<Sensor> theatreSensors, Duration lateness) {
        for (Sensor s : theatreSensors) {
            if (s.kind() != SensorKind.RADIATION && s.kind() != SensorKind.AIS && s.rangeM() > 0) {
                sensors.put(s.id(), s);
                counts.put(s.id(), new Counts());
            }
        }
        this.lateness = lateness;
    }

    /** Applies the true state of one object; states of one object come in time order. */
    public synchronized void truth(TruthState t) {
        Deque<TruthState> h = history.computeIfAbsent(t.target(), k -> new ArrayDeque<>());
        h.addLast(t);
        while (h.size() > 2 && Duration.between(h.peekFirst().time(), t.time()).compareTo(lateness.multipliedBy(2)) > 0) {
            h.removeFirst();
        }
        for (Sensor s : sensors.values()) {
            boolean inside = Geodesy.distanceM(s.lat(), s.lon(), t.lat(), t.lon()) <= s.rangeM();
            if (s.kind().isAlarm()) {
                pass(s, t, inside);
            } else if (inside) {
                long window = Math.floorDiv(t.time().toEpochMilli(), s.period().toMillis());
                open.computeIfAbsent(s.id(), k -> new HashMap<>()).computeIfAbsent(window, k -> new HashMap<>())
                        .putIfAbsent(t.target(), Boolean.FALSE);
            }
        }
        if (t.time().isAfter(watermark)) {
            watermark = t.time();
            closeUpTo(watermark.minus(lateness));
        }
    }

    /** Applies one detection: a hit for every open opportunity of its sensor whose object it could be. */
    public synchronized void detection(Detection d) {
        Sensor s = sensors.get(d.sensor());
        if (s == null) {
            return;
        }
        Map<Long, Map<String, Boolean>> bySensor = open.get(s.id());
        if (bySensor == null) {
            return;
        }
        if (s.kind().isAlarm()) {
            for (Map<String, Boolean> objects : bySensor.values()) {
                markNear(objects, d, s);
            }
        } else {
            Map<String, Boolean> objects = bySensor.get(Math.floorDiv(d.time().toEpochMilli(), s.period().toMillis()));
            if (objects != null) {
                markNear(objects, d, s);
            }
        }
    }

    /** Every sensor's figures, sorted by sensor id; counts only closed opportunities. */
    public synchronized List<Estimate> snapshot() {
        List<Estimate> out = new ArrayList<>();
        counts.forEach((id, c) -> out.add(new Estimate(id, sensors.get(id).kind().code(), c.opportunities, c.hits,
                c.opportunities == 0 ? Double.NaN : (double) c.hits / c.opportunities)));
        return out;
    }

    private void pass(Sensor s, TruthState t, boolean inside) {
        Map<String, Long> current = passes.computeIfAbsent(s.id(), k -> new HashMap<>());
        Long pass = current.get(t.target());
        if (inside && pass == null) {
            long p = ++passCounter;
            current.put(t.target(), p);
            open.computeIfAbsent(s.id(), k -> new HashMap<>()).computeIfAbsent(p, k -> new HashMap<>())
                    .put(t.target(), Boolean.FALSE);
        } else if (!inside && pass != null) {
            current.remove(t.target());
            passEnds.put(s.id() + '\n' + pass, t.time().toEpochMilli());
        }
    }

    private void markNear(Map<String, Boolean> objects, Detection d, Sensor s) {
        for (Map.Entry<String, Boolean> e : objects.entrySet()) {
            if (e.getValue()) {
                continue;
            }
            TruthState t = nearest(e.getKey(), d.time());
            if (t == null) {
                continue;
            }
            double dtS = Math.abs(Duration.between(t.time(), d.time()).toMillis()) / 1000.0;
            double gate = GATE_SIGMAS * s.sigmaM() + Math.hypot(t.vnMps(), t.veMps()) * dtS;
            if (s.kind().isAlarm()) {
                gate = Math.max(gate, s.rangeM() + GATE_SIGMAS * s.sigmaM());
            }
            if (Geodesy.distanceM(t.lat(), t.lon(), d.lat(), d.lon()) <= gate) {
                e.setValue(Boolean.TRUE);
            }
        }
    }

    private TruthState nearest(String target, Instant time) {
        Deque<TruthState> h = history.get(target);
        if (h == null) {
            return null;
        }
        TruthState best = null;
        long bestGap = Long.MAX_VALUE;
        for (TruthState t : h) {
            long gap = Math.abs(Duration.between(t.time(), time).toMillis());
            if (gap < bestGap) {
                bestGap = gap;
                best = t;
            }
        }
        return best;
    }

    private void closeUpTo(Instant limit) {
        long limitMs = limit.toEpochMilli();
        for (Map.Entry<String, Map<Long, Map<String, Boolean>>> bySensor : open.entrySet()) {
            Sensor s = sensors.get(bySensor.getKey());
            Counts c = counts.get(s.id());
            bySensor.getValue().entrySet().removeIf(w -> {
                long end;
                if (s.kind().isAlarm()) {
                    Long passEnd = passEnds.get(s.id() + '\n' + w.getKey());
                    if (passEnd == null) {
                        return false;
                    }
                    end = passEnd;
                } else {
                    end = (w.getKey() + 1) * s.period().toMillis();
                }
                if (end > limitMs) {
                    return false;
                }
                c.opportunities += w.getValue().size();
                c.hits += w.getValue().values().stream().filter(Boolean::booleanValue).count();
                if (s.kind().isAlarm()) {
                    passEnds.remove(s.id() + '\n' + w.getKey());
                }
                return true;
            });
        }
    }
}

package kz.shekara.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.model.Detection;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.RuleKind;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;

/**
 * A fence cut, ground sensor trigger or radiation portal alarm (a detection of an alarm kind)
 * raises an alert at once, at the detection, with the crossing point, site or restricted area it
 * lies in or near. One alert per sensor until it has been quiet for {@code rearm}. Not thread-safe.
 */
final class SensorAlarmRule implements Rule {
    private final RulesConfig.SensorAlarm config;
    private final ZoneIndex places;
    private final Map<String, Sensor> sensors = new HashMap<>();
    private final Map<String, Instant> lastAlarm = new HashMap<>();
    /** No sensor re-arms before this (null when none is waiting to): the time check is skipped until then. */
    private Instant nextRearm;

    SensorAlarmRule(Theatre theatre, RulesConfig.SensorAlarm config) {
        this.config = config;
        List<Zone> zones = new ArrayList<>();
        for (Zone z : theatre.zones()) {
            if (z.kind() == ZoneKind.CROSSING_POINT || z.kind() == ZoneKind.PROTECTED_SITE
                    || z.kind() == ZoneKind.RESTRICTED_AREA) {
                zones.add(z);
            }
        }
        this.places = new ZoneIndex(zones, z -> Math.max(z.bufferM(), config.zoneRadiusM()));
        theatre.sensors().forEach(s -> sensors.put(s.id(), s));
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SENSOR_ALARM;
    }

    @Override
    public void onDetection(Detection d, RuleContext ctx) {
        if (!d.kind().isAlarm()) {
            return;
        }
        lastAlarm.put(d.sensor(), d.time());
        Instant rearm = d.time().plus(config.rearm());
        if (nextRearm == null || rearm.isBefore(nextRearm)) {
            nextRearm = rearm;
        }
        Sensor s = sensors.get(d.sensor());
        IndexedZone place = null;
        double bestM = Double.POSITIVE_INFINITY;
        for (IndexedZone z : places.near(d.lat(), d.lon())) {
            double m = z.distanceM(d.lat(), d.lon());
            if (m <= Math.max(z.zone().bufferM(), config.zoneRadiusM()) && m < bestM) {
                place = z;
                bestM = m;
            }
        }
        String sector = s != null ? s.sector() : place != null ? place.zone().sector() : null;
        String name = s != null ? s.name() : d.sensor();
        ctx.raise(new Finding(key(d.sensor()), d.time(), kind(), config.severityOf(d.kind()), sector,
                place == null ? null : place.id(), null, d.sensor(), null, d.lat(), d.lon(),
                new TreeSet<>(List.of(d.sensor())), d.kind().code() + " alarm from " + name
                        + (place == null ? "" : " at " + place.zone().name()), d.marking(),
                new AlertFacts.SensorAlarm(d.kind(), name, place == null ? null : Places.of(place.zone()),
                        s == null ? null : s.names())));
    }

    /** Every alarm raises or continues an alert: each one counts, whatever the sensor sent before. */
    @Override
    public boolean needsRepeat(Detection d) {
        return d.kind().isAlarm();
    }

    @Override
    public void onTime(Instant now, RuleContext ctx) {
        if (nextRearm == null || now.isBefore(nextRearm)) {
            return;
        }
        lastAlarm.entrySet().removeIf(e -> {
            if (!e.getValue().plus(config.rearm()).isAfter(now)) {
                ctx.reset(key(e.getKey()));
                return true;
            }
            return false;
        });
        nextRearm = lastAlarm.values().stream().min(Instant::compareTo).map(t -> t.plus(config.rearm())).orElse(null);
    }

    private String key(String sensor) {
        return kind().code() + "||" + sensor;
    }
}

package kz.shekara.rules;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kz.shekara.model.SensorKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.ZoneKind;

/**
 * A theatre's rule configuration, validated once on construction and immutable after. A null
 * rule section turns that rule off. Distances in metres, speeds in m/s, times as {@link Duration}.
 * Constructors throw {@link IllegalArgumentException} naming the offending key (YAML spelling).
 */
public record RulesConfig(Crossing borderCrossing, Approach approach, Loitering loitering, Speed speed,
                          SensorAlarm sensorAlarm, SensorSilent sensorSilent, UnitEmergency unitEmergency,
                          SectorVoid sectorVoid, Map<Posture, PostureProfile> posture, Duration trackTimeout) {

    public RulesConfig {
        Objects.requireNonNull(posture, "posture");
        EnumMap<Posture, PostureProfile> p = new EnumMap<>(Posture.class);
        p.putAll(posture);
        for (Posture level : Posture.values()) {
            if (!p.containsKey(level)) {
                throw new IllegalArgumentException("posture." + level.code() + ": missing");
            }
        }
        posture = Map.copyOf(p);
        positive("track-timeout", trackTimeout);
    }

    /** The profile of a posture level. */
    public PostureProfile profile(Posture level) {
        return posture.get(level);
    }

    /** Every rule on with the project's defaults; the home side of the border is the union of SECTOR zones. */
    public static RulesConfig defaults() {
        return new RulesConfig(
                new Crossing(30, 1_000, List.of(), Severity.HIGH, Severity.MEDIUM),
                new Approach(1_000, Duration.ofMinutes(10), 100, 0.5,
                        Set.of(ZoneKind.PROTECTED_SITE, ZoneKind.RESTRICTED_AREA)),
                new Loitering(200, Duration.ofMinutes(10), 2_000, Set.of(ZoneKind.BORDER, ZoneKind.PROTECTED_SITE)),
                new Speed(Map.of(TargetClass.UNKNOWN, 70.0, TargetClass.WALKER, 4.0, TargetClass.VEHICLE, 40.0,
                        TargetClass.VESSEL, 20.0, TargetClass.FAST_MOVER, 120.0), 20_000, 10),
                new SensorAlarm(Duration.ofMinutes(2), 1_000),
                new SensorSilent(3, Duration.ofMinutes(5)),
                new UnitEmergency(),
                new SectorVoid(30_000, Duration.ofMinutes(10), Duration.ofMinutes(15)),
                Map.of(Posture.NORMAL, new PostureProfile(1, 1, 1, 1),
                        Posture.ELEVATED, new PostureProfile(1.5, 0.6, 0.85, 1.5),
                        Posture.HIGH, new PostureProfile(2, 0.3, 0.7, 2)),
                Duration.ofMinutes(10));
    }

    /**
     * How a posture level sharpens the rules: buffers and the "near" distance are multiplied by
     * {@code bufferFactor}, loitering time by {@code loiterTimeFactor}, speed limits by
     * {@code speedFactor}, the approach prediction horizon by {@code horizonFactor}.
     */
    public record PostureProfile(double bufferFactor, double loiterTimeFactor, double speedFactor,
                                 double horizonFactor) {
        public PostureProfile {
            positive("buffer-factor", bufferFactor);
            positive("loiter-time-factor", loiterTimeFactor);
            positive("speed-factor", speedFactor);
            positive("horizon-factor", horizonFactor);
        }
    }

    /**
     * Border crossing: a crossing counts once the track is {@code hysteresisM} beyond the line on
     * the new side; {@code homeZones} are the polygons of the home side (empty: the SECTOR zones);
     * a crossing within {@code crossingPointRadiusM} of a crossing point is reported at it, with
     * {@code atCrossingPointSeverity}.
     */
    public record Crossing(double hysteresisM, double crossingPointRadiusM, List<String> homeZones,
                           Severity severity, Severity atCrossingPointSeverity) {
        public Crossing {
            positive("border-crossing.hysteresis-m", hysteresisM);
            nonNegative("border-crossing.crossing-point-radius-m", crossingPointRadiusM);
            homeZones = List.copyOf(homeZones);
            Objects.requireNonNull(severity, "border-crossing.severity");
            Objects.requireNonNull(atCrossingPointSeverity, "border-crossing.at-crossing-point-severity");
        }
    }

    /**
     * Approach: inside a zone's buffer (its own, or {@code defaultBufferM} when it has none), or
     * predicted to reach it within {@code horizon} at the current velocity when faster than
     * {@code minSpeedMps}; re-arms once the track is {@code hysteresisM} beyond the buffer.
     */
    public record Approach(double defaultBufferM, Duration horizon, double hysteresisM, double minSpeedMps,
                           Set<ZoneKind> zoneKinds) {
        public Approach {
            positive("approach.default-buffer-m", defaultBufferM);
            positive("approach.horizon", horizon);
            nonNegative("approach.hysteresis-m", hysteresisM);
            nonNegative("approach.min-speed-mps", minSpeedMps);
            zoneKinds = Set.copyOf(zoneKinds);
            if (zoneKinds.isEmpty()) {
                throw new IllegalArgumentException("approach.zone-kinds: must name at least one kind");
            }
        }
    }

    /** Loitering: staying within {@code radiusM} for longer than {@code duration}, within {@code nearM} of a zone of {@code zoneKinds}. */
    public record Loitering(double radiusM, Duration duration, double nearM, Set<ZoneKind> zoneKinds) {
        public Loitering {
            positive("loitering.radius-m", radiusM);
            positive("loitering.duration", duration);
            positive("loitering.near-m", nearM);
            zoneKinds = Set.copyOf(zoneKinds);
            if (zoneKinds.isEmpty()) {
                throw new IllegalArgumentException("loitering.zone-kinds: must name at least one kind");
            }
        }
    }

    /**
     * Speed: faster than the limit of the track's class ({@code classLimitsMps}), or closing on a
     * protected site within {@code siteRadiusM} faster than {@code siteClosingMps}.
     */
    public record Speed(Map<TargetClass, Double> classLimitsMps, double siteRadiusM, double siteClosingMps) {
        public Speed {
            EnumMap<TargetClass, Double> m = new EnumMap<>(TargetClass.class);
            m.putAll(classLimitsMps);
            for (TargetClass c : TargetClass.values()) {
                Double v = m.get(c);
                if (v == null) {
                    throw new IllegalArgumentException("speed.class-limits-mps." + c.name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-') + ": missing");
                }
                positive("speed.class-limits-mps", v);
            }
            classLimitsMps = Map.copyOf(m);
            nonNegative("speed.site-radius-m", siteRadiusM);
            positive("speed.site-closing-mps", siteClosingMps);
        }
    }

    /** Sensor alarm: re-arms after {@code rearm} without an alarm; reported at a zone within {@code zoneRadiusM}. */
    public record SensorAlarm(Duration rearm, double zoneRadiusM) {
        public SensorAlarm {
            positive("sensor-alarm.rearm", rearm);
            nonNegative("sensor-alarm.zone-radius-m", zoneRadiusM);
        }

        /** The severity of an alarm of a sensor kind: radiation is critical, a fence cut high, a ground sensor medium. */
        public Severity severityOf(SensorKind kind) {
            return switch (kind) {
                case RADIATION -> Severity.CRITICAL;
                case FENCE -> Severity.HIGH;
                default -> Severity.MEDIUM;
            };
        }
    }

    /**
     * Sensor silent: nothing heard for more than {@code allowedPeriods} times the sensor's period,
     * and never less than {@code minSilence} (a radar with nothing in view sends no plot; without
     * heartbeats a few quiet scans are no fault).
     */
    public record SensorSilent(double allowedPeriods, Duration minSilence) {
        public SensorSilent {
            positive("sensor-silent.allowed-periods", allowedPeriods);
            if (minSilence == null || minSilence.isNegative()) {
                throw new IllegalArgumentException("sensor-silent.min-silence: must be a duration of zero or more, got "
                        + minSilence);
            }
        }
    }

    /** Unit emergency: TAK emergency events (b-a-o-*) and their cancel (b-a-o-can). No parameters. */
    public record UnitEmergency() {
    }

    /**
     * Sector void: no available unit inside the sector or within {@code reachM} of it. Checked for
     * every sector once {@code startupGrace} has passed since the first event; a unit position older
     * than {@code unitStale} no longer counts.
     */
    public record SectorVoid(double reachM, Duration startupGrace, Duration unitStale) {
        public SectorVoid {
            nonNegative("sector-void.reach-m", reachM);
            positive("sector-void.startup-grace", startupGrace);
            positive("sector-void.unit-stale", unitStale);
        }
    }

    static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + ": must be a positive number, got " + v);
        }
    }

    static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + ": must be zero or a positive number, got " + v);
        }
    }

    static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be a positive duration, got " + d);
        }
    }
}

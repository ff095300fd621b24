package kz.shekara.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * The structured finding behind an alert, from which its sentence is written in each operator's
 * language: one record per kind of finding, with typed arguments (distances and radii in metres,
 * speeds in m/s, times as {@link Instant}, spans as {@link Duration}). Places carry their names by
 * language as the theatre gave them when the alert was raised. Immutable.
 */
public sealed interface AlertFacts {

    /** A zone or sector named in a finding: its id, its one name, and its names by language code (kk, ru, en), sorted by code. */
    record Place(String id, String name, Map<String, String> names) {
        public Place {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            names = sorted(names);
        }

        /** The place's name in a language, or its one name when the theatre gives none in it. */
        public String name(String language) {
            return names.getOrDefault(language, name);
        }
    }

    /** A track crossed the border, inbound (onto the home side) or not, at a crossing point or in a sector, at a time. */
    record Crossing(boolean inbound, Place place, boolean atCrossingPoint, Instant at) implements AlertFacts {
    }

    /** A track inside the buffer ({@code bufferM}) of a site, {@code distanceM} from it. */
    record InsideBuffer(Place site, double bufferM, double distanceM) implements AlertFacts {
    }

    /** A track predicted to reach a site's buffer within {@code eta} at its current velocity. */
    record PredictedApproach(Place site, double bufferM, Duration eta) implements AlertFacts {
    }

    /** A track that stayed within {@code radiusM} for {@code dwell}, {@code distanceM} from a zone. */
    record Loitering(Place zone, double radiusM, Duration dwell, double distanceM) implements AlertFacts {
    }

    /** A track faster ({@code speedMps}) than its class is allowed ({@code limitMps}). */
    record ClassSpeed(double speedMps, double limitMps, TargetClass targetClass) implements AlertFacts {
    }

    /**
     * A track closing on a site at {@code closingMps} from {@code distanceM}, above the {@code limitMps}
     * allowed; {@code classSpeed} holds its excess over its class limit as well, when it had one (null otherwise).
     */
    record SiteClosing(Place site, double closingMps, double distanceM, double limitMps, ClassSpeed classSpeed)
            implements AlertFacts {
    }

    /**
     * An alarm of a sensor (fence, ground sensor, radiation portal), at a place when one is near (null
     * otherwise); the sensor's names by language code as the theatre gives them (empty when it gives none).
     */
    record SensorAlarm(SensorKind kind, String sensorName, Place place, Map<String, String> sensorNames)
            implements AlertFacts {
        public SensorAlarm {
            sensorNames = sorted(sensorNames);
        }

        /** An alarm of a sensor known by one name. */
        public SensorAlarm(SensorKind kind, String sensorName, Place place) {
            this(kind, sensorName, place, null);
        }

        /** The sensor's name in a language, or its one name when the theatre gives none in it. */
        public String sensorName(String language) {
            return sensorNames.getOrDefault(language, sensorName);
        }
    }

    /**
     * A fixed sensor of a kind heard last {@code since}, which should report every {@code period}; its names
     * by language code as the theatre gives them (empty when it gives none).
     */
    record SensorSilent(SensorKind kind, String sensorName, Instant since, Duration period, Map<String, String> sensorNames)
            implements AlertFacts {
        public SensorSilent {
            sensorNames = sorted(sensorNames);
        }

        /** A silent sensor known by one name. */
        public SensorSilent(SensorKind kind, String sensorName, Instant since, Duration period) {
            this(kind, sensorName, since, period, null);
        }

        /** The sensor's name in a language, or its one name when the theatre gives none in it. */
        public String sensorName(String language) {
            return sensorNames.getOrDefault(language, sensorName);
        }
    }

    /** A unit's TAK emergency of a CoT type, from its callsign. */
    record UnitEmergency(String cotType, String callsign) implements AlertFacts {
    }

    /** A sector with no available unit in it or within {@code reachM} of it. */
    record SectorVoid(Place sector, double reachM) implements AlertFacts {
    }

    private static Map<String, String> sorted(Map<String, String> names) {
        return Collections.unmodifiableSortedMap(names == null ? new TreeMap<>() : new TreeMap<>(names));
    }
}

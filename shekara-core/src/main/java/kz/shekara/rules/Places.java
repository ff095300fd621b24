package kz.shekara.rules;

import java.util.HashMap;
import java.util.Map;
import kz.shekara.model.AlertFacts.Place;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;

/** The places findings name: a zone with its names by language, a sector by its SECTOR zone's names. Immutable after construction. */
final class Places {
    private final Map<String, Place> sectors = new HashMap<>();

    Places(Theatre theatre) {
        for (Zone z : theatre.zones(ZoneKind.SECTOR)) {
            sectors.putIfAbsent(z.sector() == null ? z.id() : z.sector(), new Place(z.sector() == null ? z.id() : z.sector(),
                    z.sector() == null ? z.name() : z.sector(), z.names()));
        }
    }

    /**
     * The sector of a finding on {@code z} about a track: the zone's, or, for a zone that lies in no one sector (a
     * pipeline running through several), the sector the track is in; so every finding of a track has a sector, and on
     * a cluster it belongs to the worker that holds the track.
     */
    static String sectorOf(Zone z, kz.shekara.model.TrackUpdate u) {
        return z.sector() != null ? z.sector() : u.sector();
    }

    static Place of(Zone z) {
        return new Place(z.id(), z.name(), z.names());
    }

    /** A sector by id: named as the id (as the English sentence has it) and by its SECTOR zone's names by language. */
    Place sector(String id) {
        return sectors.getOrDefault(id, new Place(id, id, Map.of()));
    }
}

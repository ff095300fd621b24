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
     * The sector of a finding about a track near {@code z} (an approach, a site closed on too fast, loitering): the
     * sector the track is in, where the mover is; on a cluster that is the sector of the rules worker holding the
     * track, so the alert, its incident and the operators' commands for them all stay with that worker, also when
     * the zone lies in a neighbouring sector or in none (a pipeline running through several). The zone's sector when
     * the track is in none.
     */
    static String sectorOf(Zone z, kz.shekara.model.TrackUpdate u) {
        return u.sector() != null ? u.sector() : z.sector();
    }

    /**
     * The sector whose posture sets how closely {@code z} is watched: the zone's (a commander raising a sector's
     * posture protects what lies in it, from wherever it is approached), or, for a zone in no one sector, the
     * sector the track is in.
     */
    static String postureSectorOf(Zone z, kz.shekara.model.TrackUpdate u) {
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

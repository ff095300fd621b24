package kz.shekara.server.source;

import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;

/**
 * The bus partition key of an event by its position: the id of the theatre sector the point lies
 * in, or of the nearest sector within 25 km (so that detections just across the border go to the
 * sector that watches it), else a fallback. Immutable and thread-safe.
 */
final class SectorKeys {
    /** How far outside every sector polygon a point still belongs to the nearest one, metres. */
    static final double REACH_M = 25_000;

    private final SectorLocator locator;

    SectorKeys(Theatre theatre) {
        this.locator = new SectorLocator(theatre, REACH_M);
    }

    /** The sector id at (lat, lon) in degrees, or {@code fallback} (null is read as "") when none. */
    String of(double lat, double lon, String fallback) {
        return locator.locate(lat, lon).map(Sector::id).orElse(fallback == null ? "" : fallback);
    }
}

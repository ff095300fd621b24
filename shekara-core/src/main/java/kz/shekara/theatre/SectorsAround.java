package kz.shekara.theatre;

import kz.shekara.geo.MetresPerDegree;
import org.locationtech.jts.geom.Envelope;

/**
 * {@link SectorLocator#sectorOf} for a point and for the points a margin away from it, in one answer
 * where one answer serves them all: the tracker's routing asks for the sector of a detection and of
 * four probes {@code marginM} north, south, east and west of it ({@code marginM / }{@link
 * MetresPerDegree#SPHERE} degrees of latitude, that over the cosine of the point's latitude, at least
 * 0.01, of longitude), and away from every sector's edge and from the reach they all have the same.
 * Decided once per cell of the {@value SectorCells#CELLS_PER_DEGREE}ths-of-a-degree grid for the cell
 * grown by the probes' largest offsets (at the cell's latitude farthest from the equator) and a
 * slack for rounding, with the locator's own cell decisions ({@link SectorLocator#settledSectorOf});
 * a cell they do not settle is answered null, and the caller asks point by point. Thread-safe.
 */
public final class SectorsAround {
    /** Added to the probes' offsets, degrees (about 0.1 mm): far above the rounding of a probe's coordinates. */
    private static final double SLACK_DEG = 1e-9;

    private final SectorLocator locator;
    private final double marginM;
    private final SectorCells<String> cells = new SectorCells<>(this::decide, false);

    SectorsAround(SectorLocator locator, double marginM) {
        if (!(marginM >= 0)) {
            throw new IllegalArgumentException("marginM must be >= 0: " + marginM);
        }
        this.locator = locator;
        this.marginM = marginM;
    }

    /**
     * The id {@link SectorLocator#sectorOf} gives the point and every point within the margin's probe
     * offsets of it, or null when one cell's decision does not settle them all.
     */
    public String sectorOf(double lat, double lon) {
        SectorCells.Answer<String> a = cells.answer(lat, lon);
        return a == null ? null : a.value();
    }

    private SectorCells.Answer<String> decide(Envelope cell) {
        double maxAbsLat = Math.max(Math.abs(cell.getMinY()), Math.abs(cell.getMaxY()));
        double dLat = marginM / MetresPerDegree.SPHERE + SLACK_DEG;
        double dLon = marginM / (MetresPerDegree.SPHERE * Math.max(0.01, Math.cos(Math.toRadians(maxAbsLat))))
                + SLACK_DEG;
        Envelope box = new Envelope(cell.getMinX() - dLon, cell.getMaxX() + dLon, cell.getMinY() - dLat,
                cell.getMaxY() + dLat);
        if (!(box.getMinY() >= -90 && box.getMaxY() <= 90 && box.getMinX() >= -180 && box.getMaxX() <= 180)) {
            return null; // probes beyond the poles or the antimeridian: point by point
        }
        String id = locator.settledSectorOf(box);
        return id == null ? null : new SectorCells.Answer<>(id);
    }
}

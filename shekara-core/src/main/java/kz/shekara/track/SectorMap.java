package kz.shekara.track;

/** Which sector owns a position (degrees): the function that routes detections and hands tracks over. Implementations are immutable and thread-safe. */
@FunctionalInterface
public interface SectorMap {
    String sectorOf(double lat, double lon);
}

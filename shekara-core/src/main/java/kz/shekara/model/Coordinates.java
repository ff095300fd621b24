package kz.shekara.model;

/** Checks of WGS84 coordinates at the edges of the domain. */
public final class Coordinates {
    private Coordinates() {
    }

    /** Throws {@link IllegalArgumentException} unless lat is in [-90, 90] and lon in [-180, 180]. */
    public static void check(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude out of range [-90, 90]: " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude out of range [-180, 180]: " + lon);
        }
    }
}

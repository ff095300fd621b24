package kz.shekara.routing;

/** A point of a route or path in WGS84 degrees. */
public record GeoPoint(double lat, double lon) {
}

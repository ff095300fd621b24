package kz.shekara.server.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kz.shekara.geo.MetresPerDegree;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.review.IncidentFile;

/**
 * An inline SVG sketch of one incident for its printable page: each track's path (a line, its last
 * position a dot), each assigned unit's reported positions (a dashed line, its last a square) and
 * the incident's position (a ring), in an equirectangular projection scaled by the cosine of the
 * middle latitude, north up, with a 1 km scale bar. Deterministic. Not thread-safe (one per page).
 */
final class IncidentSketch {
    private static final double W = 640;
    private static final double H = 400;
    private static final double PAD = 24;

    private final IncidentFile file;
    private double minLat = Double.POSITIVE_INFINITY;
    private double maxLat = Double.NEGATIVE_INFINITY;
    private double minLon = Double.POSITIVE_INFINITY;
    private double maxLon = Double.NEGATIVE_INFINITY;
    private double scale;
    private double cos;

    IncidentSketch(IncidentFile file) {
        this.file = file;
    }

    String svg() {
        extend(file.incident().lat(), file.incident().lon());
        file.tracks().values().forEach(p -> p.forEach(u -> extend(u.lat(), u.lon())));
        file.units().values().forEach(p -> p.forEach(u -> extend(u.lat(), u.lon())));
        double midLat = (minLat + maxLat) / 2;
        cos = Math.cos(Math.toRadians(midLat));
        double spanX = Math.max((maxLon - minLon) * cos, 0.005);
        double spanY = Math.max(maxLat - minLat, 0.005);
        scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
        StringBuilder s = new StringBuilder(2_048);
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\" role=\"img\" data-sketch=\"incident\">\n", W, H, W, H));
        file.tracks().forEach((id, path) -> track(s, id, path));
        file.units().forEach((id, path) -> unit(s, id, path));
        double[] c = xy(file.incident().lat(), file.incident().lon());
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" stroke=\"#c0392b\""
                + " stroke-width=\"2.5\"/>\n", c[0], c[1]));
        double barPx = 1000 / MetresPerDegree.SPHERE * scale;
        s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f h%.1f\" stroke=\"#000\" stroke-width=\"2\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">1 km</text>\n", PAD, H - 8, barPx, PAD, H - 12));
        s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"16\" font-size=\"12\" text-anchor=\"end\">N ↑</text>\n", W - 8));
        s.append("</svg>\n");
        return s.toString();
    }

    private void track(StringBuilder s, String id, List<TrackUpdate> path) {
        if (path.isEmpty()) {
            return;
        }
        List<double[]> pts = new ArrayList<>();
        path.forEach(u -> pts.add(xy(u.lat(), u.lon())));
        s.append("<polyline fill=\"none\" stroke=\"#b8860b\" stroke-width=\"2\" points=\"").append(points(pts)).append("\"/>\n");
        double[] last = pts.get(pts.size() - 1);
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#b8860b\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%s</text>\n", last[0], last[1], last[0] + 6, last[1] - 6,
                IncidentPage.esc(id)));
    }

    private void unit(StringBuilder s, String id, List<UnitPosition> path) {
        if (path.isEmpty()) {
            return;
        }
        List<double[]> pts = new ArrayList<>();
        path.forEach(u -> pts.add(xy(u.lat(), u.lon())));
        s.append("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\" points=\"")
                .append(points(pts)).append("\"/>\n");
        double[] last = pts.get(pts.size() - 1);
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#1f5fa8\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%s</text>\n", last[0] - 4, last[1] - 4, last[0] + 6,
                last[1] + 12, IncidentPage.esc(id)));
    }

    private static String points(List<double[]> pts) {
        StringBuilder b = new StringBuilder();
        for (double[] p : pts) {
            b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", p[0], p[1]));
        }
        return b.toString();
    }

    private void extend(double lat, double lon) {
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
    }

    private double[] xy(double lat, double lon) {
        return new double[] {PAD + (lon - minLon) * cos * scale, H - PAD - (lat - minLat) * scale};
    }
}

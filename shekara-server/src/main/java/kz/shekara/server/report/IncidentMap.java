package kz.shekara.server.report;

import static kz.shekara.server.report.Markup.esc;
import static kz.shekara.server.report.Markup.xy;

import java.util.List;
import kz.shekara.incident.ResponseRecord;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * A map of incidents as inline SVG drawn from the theatre's own geometry: countries and sea as the
 * basemap, sector polygons, the state border, and one dot per incident at its opening position
 * (class by outcome, {@code data-incident} on each). Plate carrée scaled by the cosine of the mean
 * latitude, over the sectors' extent (and every incident's), geometry simplified to about a pixel
 * and clipped to the frame. Stateless.
 */
final class IncidentMap {
    private static final int WIDTH = 760;
    private static final GeometryFactory GF = new GeometryFactory();

    private IncidentMap() {
    }

    static String draw(Theatre theatre, List<ResponseRecord> incidents) {
        Envelope env = new Envelope();
        theatre.zones(ZoneKind.SECTOR).forEach(z -> env.expandToInclude(z.geometry().getEnvelopeInternal()));
        if (env.isNull()) {
            theatre.zones().forEach(z -> env.expandToInclude(z.geometry().getEnvelopeInternal()));
        }
        incidents.forEach(r -> env.expandToInclude(r.lon(), r.lat()));
        if (env.isNull()) {
            env.expandToInclude(0, 0);
        }
        env.expandBy(Math.max(env.getWidth(), 0.2) * 0.04, Math.max(env.getHeight(), 0.2) * 0.04);
        Projection p = new Projection(env);
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot map\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(xy(p.height)).append("\" width=\"").append(WIDTH).append("\" height=\"").append(xy(p.height))
                .append("\" role=\"img\">\n<rect class=\"water\" x=\"0\" y=\"0\" width=\"").append(WIDTH)
                .append("\" height=\"").append(xy(p.height)).append("\"/>\n");
        Geometry frame = GF.toGeometry(env);
        layer(b, theatre, ZoneKind.COUNTRY, "country", p, frame);
        layer(b, theatre, ZoneKind.SEA, "sea", p, frame);
        layer(b, theatre, ZoneKind.SECTOR, "sector", p, frame);
        layer(b, theatre, ZoneKind.BORDER, "border", p, frame);
        for (ResponseRecord r : incidents) {
            String cls = r.status().terminal() ? r.status().code() : r.onScene() != null ? "on-scene" : "open";
            b.append("<circle class=\"incident ").append(cls).append("\" data-incident=\"").append(esc(r.incident()))
                    .append("\" cx=\"").append(xy(p.x(r.lon()))).append("\" cy=\"").append(xy(p.y(r.lat())))
                    .append("\" r=\"5\"><title>").append(esc(r.incident())).append("</title></circle>\n");
        }
        return b.append("</svg>\n").toString();
    }

    private static void layer(StringBuilder b, Theatre theatre, ZoneKind kind, String cls, Projection p,
                              Geometry frame) {
        for (Zone z : theatre.zones(kind)) {
            Geometry g = DouglasPeuckerSimplifier.simplify(z.geometry(), p.degPerPixel);
            try {
                g = g.intersection(frame);
            } catch (RuntimeException e) {
                // An invalid ring after simplification: draw it whole; the SVG viewport clips it.
            }
            if (g.isEmpty()) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            path(d, g, p);
            b.append("<path class=\"").append(cls).append("\" data-zone=\"").append(esc(z.id())).append("\" d=\"")
                    .append(d).append("\"><title>").append(esc(z.name())).append("</title></path>\n");
        }
    }

    private static void path(StringBuilder d, Geometry g, Projection p) {
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon poly) {
                ring(d, poly.getExteriorRing().getCoordinates(), p, true);
                for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                    ring(d, poly.getInteriorRingN(h).getCoordinates(), p, true);
                }
            } else if (part instanceof LineString line) {
                ring(d, line.getCoordinates(), p, false);
            } else if (part.getNumGeometries() > 1 || part != g) {
                path(d, part, p);
            }
        }
    }

    private static void ring(StringBuilder d, Coordinate[] cs, Projection p, boolean close) {
        for (int i = 0; i < cs.length; i++) {
            d.append(i == 0 ? (d.isEmpty() ? "M" : " M") : " L").append(xy(p.x(cs[i].x))).append(' ')
                    .append(xy(p.y(cs[i].y)));
        }
        if (close && cs.length > 0) {
            d.append(" Z");
        }
    }

    /** Degrees to SVG user units. */
    private static final class Projection {
        final Envelope env;
        final double k;
        final double scale;
        final double height;
        final double degPerPixel;

        Projection(Envelope env) {
            this.env = env;
            this.k = Math.cos(Math.toRadians((env.getMinY() + env.getMaxY()) / 2));
            this.scale = WIDTH / (env.getWidth() * k);
            this.height = env.getHeight() * scale;
            this.degPerPixel = 1 / scale;
        }

        double x(double lon) {
            return (lon - env.getMinX()) * k * scale;
        }

        double y(double lat) {
            return (env.getMaxY() - lat) * scale;
        }
    }
}

package kz.shekara.server.api;

import kz.shekara.geo.LocalFrame;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;

/**
 * Display shapes derived from zone geometry (degrees, x = lon, y = lat): the buffer of a line or
 * area by a distance in metres, worked in a local east-north frame at the zone's centre (good to
 * well under 1% for zones of a few hundred kilometres), and the point where a polygon's label reads
 * best (the centre of its largest inscribed circle, always inside). Stateless; thread-safe.
 */
final class ZoneShapes {
    private ZoneShapes() {
    }

    /** The area within {@code bufferM} metres of the geometry, in degrees. */
    static Geometry buffer(Geometry g, double bufferM) {
        Envelope env = g.getEnvelopeInternal();
        LocalFrame frame = new LocalFrame(env.centre().y, env.centre().x);
        Geometry local = g.copy();
        local.apply(new Project(frame, true));
        Geometry buffered = local.buffer(bufferM, 16);
        buffered.apply(new Project(frame, false));
        return buffered;
    }

    /** A label point inside a polygon, or the centroid of anything else. */
    static Point labelPoint(Geometry g) {
        if (g instanceof Polygonal && !g.isEmpty()) {
            Envelope env = g.getEnvelopeInternal();
            double tolerance = Math.max(env.getWidth(), env.getHeight()) / 100;
            return MaximumInscribedCircle.getCenter(g, tolerance);
        }
        return g.getCentroid();
    }

    /** Projects coordinates in place between degrees and local metres. */
    private record Project(LocalFrame frame, boolean toLocal) implements CoordinateSequenceFilter {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            double[] out = new double[2];
            if (toLocal) {
                frame.toEastNorth(seq.getY(i), seq.getX(i), out);
            } else {
                frame.toLatLon(seq.getX(i), seq.getY(i), out);
            }
            double x = toLocal ? out[0] : out[1];
            double y = toLocal ? out[1] : out[0];
            seq.setOrdinate(i, CoordinateSequence.X, x);
            seq.setOrdinate(i, CoordinateSequence.Y, y);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}

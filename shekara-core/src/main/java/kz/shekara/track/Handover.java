package kz.shekara.track;

import kz.shekara.geo.LocalFrame;

/**
 * Moves a state from one sector's local frame to another's: the position through WGS84, velocity
 * and covariance rotated by the angle between the two frames' north axes at the track (found from
 * a point one kilometre north). Stateless.
 */
final class Handover {
    private Handover() {
    }

    static GaussianState reframe(GaussianState s, LocalFrame from, LocalFrame to) {
        double[] ll = new double[2];
        double[] a = new double[2];
        double[] b = new double[2];
        from.toLatLon(s.east(), s.north(), ll);
        to.toEastNorth(ll[0], ll[1], a);
        from.toLatLon(s.east(), s.north() + 1000, ll);
        to.toEastNorth(ll[0], ll[1], b);
        // Angle from the new frame's north to the old frame's north, clockwise positive.
        double theta = Math.atan2(b[0] - a[0], b[1] - a[1]);
        double c = Math.cos(theta);
        double sn = Math.sin(theta);
        // Old (e, n) → new: e' = c e + s n, n' = −s e + c n (rotation by theta about up).
        double[] r = new double[16];
        r[0] = c;
        r[1] = sn;
        r[4] = -sn;
        r[5] = c;
        r[10] = c;
        r[11] = sn;
        r[14] = -sn;
        r[15] = c;
        double[] mean = rotate(s.meanView(), a[0], a[1], s.meanView(), c, sn);
        double[] out = rotate(r, s.covView());
        GaussianState.Modes m = s.modes();
        if (m == null) {
            return GaussianState.owning(s.time(), mean, out);
        }
        // Each model's estimate keeps its offset from the combined one, turned with the frame.
        double[][] means = new double[m.count()][];
        double[][] covs = new double[m.count()][];
        for (int j = 0; j < m.count(); j++) {
            means[j] = rotate(m.mean()[j], a[0], a[1], s.meanView(), c, sn);
            covs[j] = rotate(r, m.cov()[j]);
        }
        return GaussianState.owning(s.time(), mean, out, new GaussianState.Modes(m.p().clone(), means, covs));
    }

    /** A mean in the new frame: {@code (east, north)} is where the combined mean {@code centre} lands, offsets and velocity turned. */
    private static double[] rotate(double[] x, double east, double north, double[] centre, double c, double sn) {
        double de = x[0] - centre[0];
        double dn = x[1] - centre[1];
        return new double[] {east + c * de + sn * dn, north - sn * de + c * dn, c * x[2] + sn * x[3],
                -sn * x[2] + c * x[3]};
    }

    /** {@code R P R'} for row-major 4x4 matrices. */
    private static double[] rotate(double[] r, double[] p) {
        double[] rp = new double[16];
        double[] out = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double v = 0;
                for (int k = 0; k < 4; k++) {
                    v += r[i * 4 + k] * p[k * 4 + j];
                }
                rp[i * 4 + j] = v;
            }
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double v = 0;
                for (int k = 0; k < 4; k++) {
                    v += rp[i * 4 + k] * r[j * 4 + k];
                }
                out[i * 4 + j] = v;
            }
        }
        return out;
    }
}

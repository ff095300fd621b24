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
        double[] x = s.meanView();
        double[] mean = {a[0], a[1], c * x[2] + sn * x[3], -sn * x[2] + c * x[3]};
        double[] p = s.covView();
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
        return GaussianState.owning(s.time(), mean, out);
    }
}

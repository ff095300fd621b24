package kz.shekara.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;

/**
 * A track's path crosses the border line. The crossing counts once the track has gone
 * {@code hysteresisM} beyond the line on the side opposite to the one it last settled on (a Schmitt
 * trigger), so a track jittering along the line raises nothing; it is reported where and when the
 * path last met the line, with its direction (inbound: onto the home side) and the crossing point
 * when one is near, else the border sector. Per update: one index probe and a few indexed segment
 * tests. Not thread-safe.
 */
final class BorderCrossingRule implements Rule {
    private final RulesConfig.Crossing config;
    private final ZoneIndex borders;
    private final ZoneIndex crossingPoints;
    private final HomeSide home;
    private final Map<String, TrackState> tracks = new HashMap<>();
    private final Places places;

    BorderCrossingRule(Theatre theatre, RulesConfig.Crossing config) {
        this.config = config;
        this.borders = new ZoneIndex(theatre.zones(ZoneKind.BORDER), z -> config.hysteresisM());
        this.crossingPoints = new ZoneIndex(theatre.zones(ZoneKind.CROSSING_POINT),
                z -> Math.max(z.bufferM(), config.crossingPointRadiusM()));
        this.home = HomeSide.of(theatre, config.homeZones());
        this.places = new Places(theatre);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.BORDER_CROSSING;
    }

    private static final class TrackState {
        double lat;
        double lon;
        Instant time;
        Boolean settledHome;
        Crossing pending;
    }

    private record Crossing(IndexedZone border, double lat, double lon, Instant time) {
    }

    @Override
    public void onTrack(TrackUpdate u, RuleContext ctx) {
        TrackState st = tracks.get(u.track());
        boolean first = st == null;
        if (first) {
            st = new TrackState();
            tracks.put(u.track(), st);
        }
        List<IndexedZone> near = first ? borders.near(u.lat(), u.lon())
                : borders.near(st.lat, st.lon, u.lat(), u.lon());
        double nearestM = Double.POSITIVE_INFINITY;
        for (IndexedZone z : near) {
            Coordinate to = z.toMetres(u.lat(), u.lon());
            if (!first) {
                Coordinate from = z.toMetres(st.lat, st.lon);
                double f = z.lastCrossingFraction(from, to);
                if (!Double.isNaN(f)) {
                    double[] ll = z.toLatLon(new Coordinate(from.x + f * (to.x - from.x), from.y + f * (to.y - from.y)));
                    long stepNanos = Duration.between(st.time, u.time()).toNanos();
                    st.pending = new Crossing(z, ll[0], ll[1], st.time.plusNanos(Math.round(f * stepNanos)));
                }
            }
            nearestM = Math.min(nearestM, z.distanceM(to));
        }
        if (nearestM >= config.hysteresisM()) {
            boolean nowHome = home.contains(u.lat(), u.lon());
            if (st.settledHome != null && st.settledHome != nowHome && st.pending != null) {
                report(u, st.pending, nowHome, ctx);
            }
            st.settledHome = nowHome;
            st.pending = null;
        }
        st.lat = u.lat();
        st.lon = u.lon();
        st.time = u.time();
    }

    private void report(TrackUpdate u, Crossing c, boolean inbound, RuleContext ctx) {
        String direction = inbound ? "inbound" : "outbound";
        String base = kind().code() + "|" + c.border().id() + "|" + u.track() + "|";
        ctx.reset(base + (inbound ? "outbound" : "inbound"));
        IndexedZone cp = nearestCrossingPoint(c.lat(), c.lon());
        String sector = c.border().zone().sector();
        String where = cp != null ? "at crossing point " + cp.zone().name()
                : "in sector " + (sector == null ? c.border().zone().name() : sector);
        Severity severity = cp != null ? config.atCrossingPointSeverity() : config.severity();
        AlertFacts.Place place = cp != null ? Places.of(cp.zone())
                : sector == null ? Places.of(c.border().zone()) : places.sector(sector);
        ctx.raise(new Finding(base + direction, u.time(), kind(), severity, sector,
                cp != null ? cp.id() : c.border().id(), u.track(), null, null, c.lat(), c.lon(), u.sensors(),
                direction + " crossing " + where + " at " + c.time(), u.marking(),
                new AlertFacts.Crossing(inbound, place, cp != null, c.time())));
    }

    private IndexedZone nearestCrossingPoint(double lat, double lon) {
        IndexedZone best = null;
        double bestM = Double.POSITIVE_INFINITY;
        for (IndexedZone z : crossingPoints.near(lat, lon)) {
            double d = z.distanceM(lat, lon);
            if (d <= Math.max(z.zone().bufferM(), config.crossingPointRadiusM()) && d < bestM) {
                best = z;
                bestM = d;
            }
        }
        return best;
    }

    @Override
    public void forgetTrack(String track, RuleContext ctx) {
        tracks.remove(track);
    }
}

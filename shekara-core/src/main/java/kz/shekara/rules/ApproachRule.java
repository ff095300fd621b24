package kz.shekara.rules;

import java.time.Duration;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import org.locationtech.jts.geom.Coordinate;

/**
 * A track inside the buffer around a protected site (HIGH), or predicted at its current velocity to
 * reach the buffer within the horizon (MEDIUM, with the time to reach it). Buffers widen and the
 * horizon lengthens with the zone's sector posture. Each stage alerts once per track and zone, and
 * re-arms when the track is {@code hysteresisM} beyond the buffer and no longer predicted to reach
 * it. The index is probed along the geodesic path over the longest horizon; each candidate zone is
 * then tested in its own frame. Per update: one geodesic and one index probe, then one projection
 * and an indexed distance per candidate.
 * Not thread-safe.
 */
final class ApproachRule implements Rule {
    private final RulesConfig.Approach config;
    private final ZoneIndex sites;
    private final double maxHorizonFactor;

    ApproachRule(Theatre theatre, RulesConfig.Approach config, RulesConfig rules) {
        this.config = config;
        double maxBufferFactor = 1;
        double horizonFactor = 1;
        for (Posture p : Posture.values()) {
            maxBufferFactor = Math.max(maxBufferFactor, rules.profile(p).bufferFactor());
            horizonFactor = Math.max(horizonFactor, rules.profile(p).horizonFactor());
        }
        this.maxHorizonFactor = horizonFactor;
        double bufferFactor = maxBufferFactor;
        this.sites = new ZoneIndex(theatre.zones().stream().filter(z -> config.zoneKinds().contains(z.kind())).toList(),
                z -> buffer(z) * bufferFactor + config.hysteresisM());
    }

    private double buffer(Zone z) {
        return z.bufferM() > 0 ? z.bufferM() : config.defaultBufferM();
    }

    @Override
    public RuleKind kind() {
        return RuleKind.APPROACH;
    }

    @Override
    public void onTrack(TrackUpdate u, RuleContext ctx) {
        double speed = u.speedMps();
        boolean moving = speed >= config.minSpeedMps() && speed > 0;
        double maxHorizonS = 0;
        double plat = u.lat();
        double plon = u.lon();
        if (moving) {
            maxHorizonS = config.horizon().toNanos() / 1e9 * maxHorizonFactor;
            double[] p = Geodesy.destination(u.lat(), u.lon(), Math.toDegrees(Math.atan2(u.veMps(), u.vnMps())),
                    speed * maxHorizonS);
            plat = p[0];
            plon = p[1];
        }
        for (IndexedZone z : sites.near(u.lat(), u.lon(), plat, plon)) {
            evaluate(u, z, moving, ctx);
        }
    }

    private void evaluate(TrackUpdate u, IndexedZone z, boolean moving, RuleContext ctx) {
        RulesConfig.PostureProfile profile = ctx.profile(Places.postureSectorOf(z.zone(), u));
        double buffer = buffer(z.zone()) * profile.bufferFactor();
        Coordinate here = z.toMetres(u.lat(), u.lon());
        double d = z.distanceM(here);
        String base = kind().code() + "|" + z.id() + "|" + u.track() + "|";
        String insideKey = base + "inside";
        String predictedKey = base + "predicted";
        if (d <= buffer) {
            ctx.raise(finding(u, z, insideKey, Severity.HIGH, "inside the " + Math.round(buffer)
                    + " m buffer of " + z.zone().name() + " (" + Math.round(d) + " m)",
                    new AlertFacts.InsideBuffer(Places.of(z.zone()), buffer, d)));
            return;
        }
        double horizonS = config.horizon().toNanos() / 1e9 * profile.horizonFactor();
        double etaS = moving ? timeToReach(u, z, here, buffer, horizonS) : Double.NaN;
        if (!Double.isNaN(etaS)) {
            Duration eta = Duration.ofSeconds(Math.round(etaS));
            ctx.raise(finding(u, z, predictedKey, Severity.MEDIUM, "predicted to reach the " + Math.round(buffer)
                    + " m buffer of " + z.zone().name() + " in " + eta,
                    new AlertFacts.PredictedApproach(Places.of(z.zone()), buffer, eta)));
            return;
        }
        if (d > buffer + config.hysteresisM()) {
            ctx.reset(insideKey);
            ctx.reset(predictedKey);
        }
    }

    /** Seconds until the straight path at the current velocity first comes within the buffer; NaN beyond the horizon. */
    private static double timeToReach(TrackUpdate u, IndexedZone z, Coordinate here, double buffer, double horizonS) {
        // Straight at the current velocity in the zone's frame: near the zone its north is the track's.
        Coordinate there = new Coordinate(here.x + u.veMps() * horizonS, here.y + u.vnMps() * horizonS);
        if (z.distanceM(here, there) > buffer) {
            return Double.NaN;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 20; i++) {
            double mid = (lo + hi) / 2;
            Coordinate m = new Coordinate(here.x + mid * (there.x - here.x), here.y + mid * (there.y - here.y));
            if (z.distanceM(here, m) <= buffer) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi * horizonS;
    }

    private Finding finding(TrackUpdate u, IndexedZone z, String key, Severity severity, String detail,
                            AlertFacts facts) {
        return new Finding(key, u.time(), kind(), severity, Places.sectorOf(z.zone(), u), z.id(), u.track(), null, null,
                u.lat(), u.lon(), u.sensors(), detail, u.marking(), facts);
    }
}

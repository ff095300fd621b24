package kz.shekara.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;

/**
 * A track that stays within {@code radiusM} of where it settled for longer than the loitering
 * time, near the border or a protected site. The track's anchor is the first position of its
 * current stay; moving more than the radius from it starts a new stay and re-arms the alert. The
 * loitering time shortens and the "near" distance widens with the zone's sector posture. Per
 * update: one geodesic distance, and an index probe once the shortest possible time has passed.
 * Not thread-safe.
 */
final class LoiteringRule implements Rule {
    private final RulesConfig.Loitering config;
    private final ZoneIndex zones;
    private final double minTimeFactor;
    private final Map<String, Stay> stays = new HashMap<>();

    LoiteringRule(Theatre theatre, RulesConfig.Loitering config, RulesConfig rules) {
        this.config = config;
        double maxBuffer = 1;
        double minTime = 1;
        for (Posture p : Posture.values()) {
            maxBuffer = Math.max(maxBuffer, rules.profile(p).bufferFactor());
            minTime = Math.min(minTime, rules.profile(p).loiterTimeFactor());
        }
        double reach = config.nearM() * maxBuffer;
        this.minTimeFactor = minTime;
        this.zones = new ZoneIndex(theatre.zones().stream().filter(z -> config.zoneKinds().contains(z.kind())).toList(),
                z -> reach);
    }

    private static final class Stay {
        double lat;
        double lon;
        Instant since;
        String raisedKey;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.LOITERING;
    }

    @Override
    public void onTrack(TrackUpdate u, RuleContext ctx) {
        Stay s = stays.get(u.track());
        if (s == null || Geodesy.distanceM(s.lat, s.lon, u.lat(), u.lon()) > config.radiusM()) {
            if (s != null && s.raisedKey != null) {
                ctx.reset(s.raisedKey);
            }
            s = new Stay();
            s.lat = u.lat();
            s.lon = u.lon();
            s.since = u.time();
            stays.put(u.track(), s);
            return;
        }
        Duration stayed = Duration.between(s.since, u.time());
        if (s.raisedKey != null || stayed.toNanos() < config.duration().toNanos() * minTimeFactor) {
            return;
        }
        IndexedZone best = null;
        double bestM = Double.POSITIVE_INFINITY;
        for (IndexedZone z : zones.near(u.lat(), u.lon())) {
            RulesConfig.PostureProfile p = ctx.profile(Places.postureSectorOf(z.zone(), u));
            double d = z.distanceM(u.lat(), u.lon());
            if (d <= config.nearM() * p.bufferFactor()
                    && stayed.toNanos() >= config.duration().toNanos() * p.loiterTimeFactor() && d < bestM) {
                best = z;
                bestM = d;
            }
        }
        if (best != null) {
            s.raisedKey = kind().code() + "|" + best.id() + "|" + u.track();
            ctx.raise(new Finding(s.raisedKey, u.time(), kind(), Severity.MEDIUM, Places.sectorOf(best.zone(), u), best.id(),
                    u.track(), null, null, u.lat(), u.lon(), u.sensors(), "within " + Math.round(config.radiusM())
                    + " m for " + stayed + ", " + Math.round(bestM) + " m from " + best.zone().name(), u.marking(),
                    new AlertFacts.Loitering(Places.of(best.zone()), config.radiusM(), stayed, bestM)));
        }
    }

    @Override
    public void forgetTrack(String track, RuleContext ctx) {
        stays.remove(track);
    }
}

package kz.shekara.rules;

import java.util.Locale;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.ZoneKind;

/**
 * A track faster than its class allows (limit × the sector posture's speed factor), or closing on a
 * protected site within {@code siteRadiusM} faster than {@code siteClosingMps} (a fast boat towards
 * the offshore site): closing speed is the velocity component along the geodesic towards the site.
 * Re-arms when the speed falls below 90 % of the limit. Per update: one index probe and one geodesic
 * azimuth per site in reach. Not thread-safe.
 */
final class SpeedRule implements Rule {
    private static final double REARM = 0.9;
    private final RulesConfig.Speed config;
    private final ZoneIndex sites;

    SpeedRule(Theatre theatre, RulesConfig.Speed config) {
        this.config = config;
        this.sites = new ZoneIndex(theatre.zones(ZoneKind.PROTECTED_SITE), z -> config.siteRadiusM());
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SPEED;
    }

    @Override
    public void onTrack(TrackUpdate u, RuleContext ctx) {
        RulesConfig.PostureProfile trackProfile = ctx.profile(u.sector());
        double speed = u.speedMps();
        double limit = config.classLimitsMps().get(u.targetClass()) * trackProfile.speedFactor();
        String classKey = kind().code() + "||" + u.track();
        if (speed > limit) {
            ctx.raise(new Finding(classKey, u.time(), kind(), Severity.MEDIUM, u.sector(), null, u.track(), null, null,
                    u.lat(), u.lon(), u.sensors(), String.format(Locale.ROOT, "%.1f m/s, above the %.1f m/s allowed a %s",
                            speed, limit, u.targetClass().name().toLowerCase(Locale.ROOT)), u.marking()));
        } else if (speed < limit * REARM) {
            ctx.reset(classKey);
        }
        if (config.siteRadiusM() <= 0 || speed <= 0) {
            return;
        }
        double course = Math.atan2(u.veMps(), u.vnMps());
        for (IndexedZone z : sites.near(u.lat(), u.lon())) {
            String key = kind().code() + "|" + z.id() + "|" + u.track();
            double siteLimit = config.siteClosingMps() * ctx.profile(z.zone().sector()).speedFactor();
            double d = z.distanceM(u.lat(), u.lon());
            if (d > config.siteRadiusM()) {
                ctx.reset(key);
                continue;
            }
            double bearing = Math.toRadians(Geodesy.azimuthDeg(u.lat(), u.lon(), z.centreLat(), z.centreLon()));
            double closing = d == 0 ? 0 : speed * Math.cos(bearing - course);
            if (closing > siteLimit) {
                ctx.raise(new Finding(key, u.time(), kind(), Severity.HIGH, z.zone().sector(), z.id(), u.track(), null,
                        null, u.lat(), u.lon(), u.sensors(), String.format(Locale.ROOT,
                        "closing on %s at %.1f m/s from %.0f m, above the %.1f m/s allowed", z.zone().name(), closing,
                        d, siteLimit), u.marking()));
            } else if (closing < siteLimit * REARM) {
                ctx.reset(key);
            }
        }
    }
}

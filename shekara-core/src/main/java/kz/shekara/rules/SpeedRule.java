package kz.shekara.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;

/**
 * A track faster than its class allows (limit × the sector posture's speed factor), or closing on a
 * protected site within {@code siteRadiusM} faster than {@code siteClosingMps} (a fast boat towards
 * the offshore site): closing speed is the velocity component towards the site's centre in the
 * site's local frame. Re-arms when the speed falls below 90 % of the limit. One movement gives one
 * alert: while a site-closing alert (HIGH) of a track is in force it stands for the track's class
 * excess too (it carries it), so no class-speed alert (MEDIUM) is raised beside it; a class-speed
 * alert raised before the track came to close on a site stays (the site-closing one escalates it).
 * Per update: one index probe, then one projection and one indexed distance per site in reach.
 * Not thread-safe.
 */
final class SpeedRule implements Rule {
    private static final double REARM = 0.9;
    private final RulesConfig.Speed config;
    private final ZoneIndex sites;
    private final double minSiteLimit;
    private final Map<String, Set<String>> raisedByTrack = new HashMap<>();

    SpeedRule(Theatre theatre, RulesConfig.Speed config, RulesConfig rules) {
        this.config = config;
        double minFactor = 1;
        for (Posture p : Posture.values()) {
            minFactor = Math.min(minFactor, rules.profile(p).speedFactor());
        }
        this.minSiteLimit = config.siteClosingMps() * minFactor;
        this.sites = new ZoneIndex(theatre.zones(ZoneKind.PROTECTED_SITE), z -> config.siteRadiusM());
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SPEED;
    }

    @Override
    public void onTrack(TrackUpdate u, RuleContext ctx) {
        double speed = u.speedMps();
        double limit = config.classLimitsMps().get(u.targetClass()) * ctx.profile(u.sector()).speedFactor();
        AlertFacts.ClassSpeed overClass = speed > limit ? new AlertFacts.ClassSpeed(speed, limit, u.targetClass()) : null;
        boolean closingAlert = sites(u, overClass, ctx);
        String classKey = kind().code() + "||" + u.track();
        if (overClass != null && !closingAlert) {
            ctx.raise(new Finding(classKey, u.time(), kind(), Severity.MEDIUM, u.sector(), null, u.track(), null, null,
                    u.lat(), u.lon(), u.sensors(), classText(overClass), u.marking(), overClass));
        } else if (speed < limit * REARM) {
            ctx.reset(classKey);
        }
    }

    private static String classText(AlertFacts.ClassSpeed c) {
        return String.format(Locale.ROOT, "%.1f m/s, above the %.1f m/s allowed a %s", c.speedMps(), c.limitMps(),
                c.targetClass().name().toLowerCase(Locale.ROOT));
    }

    /**
     * The site-closing part: raises (or keeps) a HIGH alert per site the track closes on too fast, carrying
     * the class excess too when there is one. Returns true when a site-closing alert of the track is in force,
     * which then stands for the class excess: one alert for one movement, the more severe.
     */
    private boolean sites(TrackUpdate u, AlertFacts.ClassSpeed overClass, RuleContext ctx) {
        if (config.siteRadiusM() <= 0) {
            return false;
        }
        double speed = u.speedMps();
        if (speed < minSiteLimit * REARM) {
            // Too slow to close on any site too fast: re-arm what this track had raised, skip the probe.
            Set<String> raised = raisedByTrack.remove(u.track());
            if (raised != null) {
                raised.forEach(ctx::reset);
            }
            return raised != null && raised.stream().anyMatch(ctx::active);
        }
        for (IndexedZone z : sites.near(u.lat(), u.lon())) {
            String key = kind().code() + "|" + z.id() + "|" + u.track();
            double siteLimit = config.siteClosingMps() * ctx.profile(Places.postureSectorOf(z.zone(), u)).speedFactor();
            Coordinate here = z.toMetres(u.lat(), u.lon());
            double d = z.distanceM(here);
            if (d > config.siteRadiusM()) {
                ctx.reset(key);
                continue;
            }
            // Closing speed: the velocity component towards the site's centre, in the site's frame
            // (within the radius the track's north and the site's differ by well under a degree).
            double fromCentre = Math.hypot(here.x, here.y);
            double closing = fromCentre == 0 ? 0 : -(here.x * u.veMps() + here.y * u.vnMps()) / fromCentre;
            if (closing > siteLimit) {
                raisedByTrack.computeIfAbsent(u.track(), t -> new HashSet<>()).add(key);
                String text = String.format(Locale.ROOT, "closing on %s at %.1f m/s from %.0f m, above the %.1f m/s allowed",
                        z.zone().name(), closing, d, siteLimit) + (overClass == null ? "" : "; " + classText(overClass));
                ctx.raise(new Finding(key, u.time(), kind(), Severity.HIGH, Places.sectorOf(z.zone(), u), z.id(), u.track(),
                        null, null, u.lat(), u.lon(), u.sensors(), text, u.marking(),
                        new AlertFacts.SiteClosing(Places.of(z.zone()), closing, d, siteLimit, overClass)));
            } else if (closing < siteLimit * REARM) {
                ctx.reset(key);
            }
        }
        Set<String> raised = raisedByTrack.get(u.track());
        return raised != null && raised.stream().anyMatch(ctx::active);
    }

    @Override
    public void forgetTrack(String track, RuleContext ctx) {
        raisedByTrack.remove(track);
    }
}

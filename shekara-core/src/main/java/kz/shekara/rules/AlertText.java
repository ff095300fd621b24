package kz.shekara.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.shekara.i18n.Messages;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.SensorKind;

/**
 * An alert's finding as a sentence in Kazakh, Russian or English, written from its {@link AlertFacts}
 * with the templates of the {@link Messages} catalogue (places and sensors by their names in that
 * language, numbers and times by {@link LocalFormat}, times of day at a given UTC offset). Kazakh and Russian sentences keep names in the nominative (the case ending goes
 * on the noun after a name, never on the name or a number). An alert without facts (logged before
 * they were kept) reads as its English {@code detail} in every language. Stateless and thread-safe.
 */
public final class AlertText {
    /** The languages sentences are written in; any other code gets English. */
    public static final List<String> LANGUAGES = Messages.LANGUAGES;

    private AlertText() {
    }

    /** The alert's sentence in a language (kk, ru, en; other codes and null: en), times at {@code offset}. */
    public static String of(Alert a, String lang, ZoneOffset offset) {
        return a.facts() == null ? a.detail() : of(a.facts(), a.time(), lang, offset);
    }

    /** The sentence of a finding raised at {@code time} (the reference day of the times it names). */
    public static String of(AlertFacts facts, Instant time, String lang, ZoneOffset offset) {
        String l = Messages.language(lang);
        String s = sentence(facts, time, new LocalFormat(l, offset), Messages.of(l));
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String sentence(AlertFacts facts, Instant time, LocalFormat f, Messages m) {
        String l = m.language();
        return switch (facts) {
            case AlertFacts.Crossing c -> crossing(c, time, f, m);
            case AlertFacts.InsideBuffer b -> m.format("alertText.insideBuffer",
                    Map.of("site", b.site().name(l), "buffer", f.metres(b.bufferM()), "distance", f.metres(b.distanceM())));
            case AlertFacts.PredictedApproach p -> m.format("alertText.predictedApproach",
                    Map.of("site", p.site().name(l), "buffer", f.metres(p.bufferM()), "eta", f.span(p.eta())));
            case AlertFacts.Loitering o -> m.format("alertText.loitering", Map.of("zone", o.zone().name(l),
                    "radius", f.metres(o.radiusM()), "dwell", f.span(o.dwell()), "distance", f.metres(o.distanceM())));
            case AlertFacts.ClassSpeed c -> classSpeed(c, f, m);
            case AlertFacts.SiteClosing c -> m.format("alertText.siteClosing", Map.of("site", c.site().name(l),
                    "closing", f.speed(c.closingMps()), "distance", f.metres(c.distanceM()), "limit", f.speed(c.limitMps())))
                    + (c.classSpeed() == null ? "" : "; " + classSpeed(c.classSpeed(), f, m));
            case AlertFacts.SensorAlarm a -> a.place() == null
                    ? m.format("alertText.sensorAlarm", Map.of("kind", kind(a.kind(), m), "sensor", a.sensorName(l)))
                    : m.format("alertText.sensorAlarm.at",
                            Map.of("kind", kind(a.kind(), m), "sensor", a.sensorName(l), "place", a.place().name(l)));
            case AlertFacts.SensorSilent s -> m.format("alertText.sensorSilent", Map.of("kind", kind(s.kind(), m),
                    "sensor", s.sensorName(l), "since", f.time(s.since(), time), "period", f.span(s.period())));
            case AlertFacts.UnitEmergency e -> m.format("alertText.unitEmergency",
                    Map.of("cotType", e.cotType(), "callsign", e.callsign()));
            case AlertFacts.SectorVoid v -> m.format("alertText.sectorVoid",
                    Map.of("sector", v.sector().name(l), "reach", f.metres(v.reachM())));
        };
    }

    private static String crossing(AlertFacts.Crossing c, Instant time, LocalFormat f, Messages m) {
        String place = c.place().name(m.language());
        String where = m.format(c.atCrossingPoint() ? "alertText.crossing.atPoint" : "alertText.crossing.inSector",
                Map.of("place", place));
        return m.format("alertText.crossing", Map.of("direction",
                m.text(c.inbound() ? "alertText.crossing.inbound" : "alertText.crossing.outbound"), "where", where,
                "time", f.time(c.at(), time)));
    }

    private static String classSpeed(AlertFacts.ClassSpeed c, LocalFormat f, Messages m) {
        return m.format("alertText.classSpeed", Map.of("speed", f.speed(c.speedMps()), "limit", f.speed(c.limitMps()),
                "class", m.text("alertText.targetClass." + c.targetClass().name().toLowerCase(Locale.ROOT))));
    }

    /** A sensor kind's name as the map's legend has it, in the case it takes inside a sentence. */
    private static String kind(SensorKind k, Messages m) {
        return m.text("alertText.sensorKind." + k.code());
    }
}

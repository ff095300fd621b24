package kz.shekara.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.AlertFacts.Place;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;

/**
 * An alert's finding as a sentence in Kazakh, Russian or English, written from its {@link AlertFacts}
 * (places by their names in that language, numbers and times by {@link LocalFormat}, times of day at a
 * given UTC offset). Kazakh and Russian sentences keep names in the nominative (the case ending goes
 * on the noun after a name, never on the name or a number). An alert without facts (logged before
 * they were kept) reads as its English {@code detail} in every language. Stateless and thread-safe.
 */
public final class AlertText {
    /** The languages sentences are written in; any other code gets English. */
    public static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    private AlertText() {
    }

    /** The alert's sentence in a language (kk, ru, en; other codes and null: en), times at {@code offset}. */
    public static String of(Alert a, String lang, ZoneOffset offset) {
        return a.facts() == null ? a.detail() : of(a.facts(), a.time(), lang, offset);
    }

    /** The sentence of a finding raised at {@code time} (the reference day of the times it names). */
    public static String of(AlertFacts facts, Instant time, String lang, ZoneOffset offset) {
        String l = lang == null ? "en" : lang.toLowerCase(Locale.ROOT);
        LocalFormat f = new LocalFormat(LANGUAGES.contains(l) ? l : "en", offset);
        String s = sentence(facts, time, f, LANGUAGES.contains(l) ? l : "en");
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String sentence(AlertFacts facts, Instant time, LocalFormat f, String l) {
        return switch (facts) {
            case AlertFacts.Crossing c -> crossing(c, time, f, l);
            case AlertFacts.InsideBuffer b -> f.word(
                    "inside the " + f.metres(b.bufferM()) + " buffer of " + b.site().name(l) + ", " + f.metres(b.distanceM()) + " from it",
                    "в охранной зоне объекта «" + b.site().name(l) + "» (радиус " + f.metres(b.bufferM()) + "), в "
                            + f.metres(b.distanceM()) + " от него",
                    "«" + b.site().name(l) + "» объектісінің күзет аймағында (радиусы " + f.metres(b.bufferM()) + "), одан "
                            + f.metres(b.distanceM()) + " қашықтықта");
            case AlertFacts.PredictedApproach p -> f.word(
                    "predicted to reach the " + f.metres(p.bufferM()) + " buffer of " + p.site().name(l) + " in " + f.span(p.eta()),
                    "прогноз: достигнет охранной зоны объекта «" + p.site().name(l) + "» (радиус " + f.metres(p.bufferM())
                            + ") через " + f.span(p.eta()),
                    "болжам: «" + p.site().name(l) + "» объектісінің күзет аймағына (радиусы " + f.metres(p.bufferM()) + ") "
                            + f.span(p.eta()) + " ішінде жетеді");
            case AlertFacts.Loitering o -> f.word(
                    "within " + f.metres(o.radiusM()) + " for " + f.span(o.dwell()) + ", " + f.metres(o.distanceM()) + " from "
                            + o.zone().name(l),
                    "держится в пределах " + f.metres(o.radiusM()) + " в течение " + f.span(o.dwell()) + ", в "
                            + f.metres(o.distanceM()) + " от «" + o.zone().name(l) + "»",
                    f.span(o.dwell()) + " бойы " + f.metres(o.radiusM()) + " шегінде тұр, «" + o.zone().name(l) + "» аймағынан "
                            + f.metres(o.distanceM()) + " қашықтықта");
            case AlertFacts.ClassSpeed c -> classSpeed(c, f, l);
            case AlertFacts.SiteClosing c -> f.word(
                    "closing on " + c.site().name(l) + " at " + f.speed(c.closingMps()) + " from " + f.metres(c.distanceM())
                            + ", above the " + f.speed(c.limitMps()) + " allowed",
                    "сближается с объектом «" + c.site().name(l) + "» со скоростью " + f.speed(c.closingMps())
                            + " с расстояния " + f.metres(c.distanceM()) + ", выше допустимой (" + f.speed(c.limitMps()) + ")",
                    "«" + c.site().name(l) + "» объектісіне " + f.metres(c.distanceM()) + " қашықтықтан "
                            + f.speed(c.closingMps()) + " жылдамдықпен жақындап келеді, рұқсат етілгеннен ("
                            + f.speed(c.limitMps()) + ") жоғары")
                    + (c.classSpeed() == null ? "" : "; " + classSpeed(c.classSpeed(), f, l));
            case AlertFacts.SensorAlarm a -> sensorAlarm(a, f, l);
            case AlertFacts.SensorSilent s -> f.word(
                    kind(s.kind(), "en") + " " + s.sensorName() + " silent since " + f.time(s.since(), time) + " (period "
                            + f.span(s.period()) + ")",
                    "датчик " + s.sensorName() + " (" + kind(s.kind(), "ru") + ") молчит с " + f.time(s.since(), time)
                            + " (период " + f.span(s.period()) + ")",
                    "датчик " + s.sensorName() + " (" + kind(s.kind(), "kk") + ") үнсіз: соңғы белгі " + f.time(s.since(), time)
                            + ", есеп кезеңі " + f.span(s.period()));
            case AlertFacts.UnitEmergency e -> f.word("emergency (" + e.cotType() + ") from " + e.callsign(),
                    "экстренный сигнал (" + e.cotType() + ") от " + e.callsign(),
                    "төтенше белгі (" + e.cotType() + "), жіберуші: " + e.callsign());
            case AlertFacts.SectorVoid v -> f.word(
                    "no available unit in or within " + f.metres(v.reachM()) + " of " + v.sector().name(l),
                    "нет свободных нарядов на участке «" + v.sector().name(l) + "» и в пределах " + f.metres(v.reachM())
                            + " от него",
                    "«" + v.sector().name(l) + "» учаскесінде және одан " + f.metres(v.reachM()) + " шегінде бос жасақ жоқ");
        };
    }

    private static String crossing(AlertFacts.Crossing c, Instant time, LocalFormat f, String l) {
        Place p = c.place();
        String at = f.time(c.at(), time);
        return switch (l) {
            case "ru" -> "пересечение границы " + (c.inbound() ? "внутрь страны" : "из страны")
                    + (c.atCrossingPoint() ? " у пункта пропуска «" + p.name(l) + "»" : " на участке " + p.name(l)) + " в " + at;
            case "kk" -> "шекараны ел " + (c.inbound() ? "ішіне" : "сыртына") + " қарай кесіп өту, "
                    + (c.atCrossingPoint() ? "«" + p.name(l) + "» өткізу пунктінде" : p.name(l) + " учаскесінде")
                    + ", уақыты " + at;
            default -> (c.inbound() ? "inbound" : "outbound") + " crossing "
                    + (c.atCrossingPoint() ? "at crossing point " : "in sector ") + p.name(l) + " at " + at;
        };
    }

    private static String classSpeed(AlertFacts.ClassSpeed c, LocalFormat f, String l) {
        String cls = targetClass(c.targetClass(), l);
        return f.word(f.speed(c.speedMps()) + ", above the " + f.speed(c.limitMps()) + " allowed a " + cls,
                "скорость " + f.speed(c.speedMps()) + ", выше допустимой для класса «" + cls + "» (" + f.speed(c.limitMps()) + ")",
                "жылдамдығы " + f.speed(c.speedMps()) + ", «" + cls + "» класы үшін рұқсат етілгеннен ("
                        + f.speed(c.limitMps()) + ") жоғары");
    }

    private static String sensorAlarm(AlertFacts.SensorAlarm a, LocalFormat f, String l) {
        String where = a.place() == null ? "" : f.word(" at " + a.place().name(l), ", место: «" + a.place().name(l) + "»",
                ", орны: «" + a.place().name(l) + "»");
        String what = switch (l) {
            case "ru" -> "срабатывание: " + kind(a.kind(), l) + " " + a.sensorName();
            case "kk" -> kind(a.kind(), l) + " іске қосылды: " + a.sensorName();
            default -> kind(a.kind(), l) + " alarm from " + a.sensorName();
        };
        return what + where;
    }

    /** A sensor kind's name as the map's legend has it, in the case it takes inside a sentence. */
    private static String kind(SensorKind k, String l) {
        int i = LANGUAGES.indexOf(l);
        String[] names = switch (k) {
            case RADAR -> new String[] {"радиолокатор", "РЛС", "radar"};
            case CAMERA -> new String[] {"мұнарадағы камера", "камера на вышке", "camera tower"};
            case UGS -> new String[] {"жер датчигі", "сейсмодатчик", "ground sensor"};
            case FENCE -> new String[] {"қоршау датчигі", "датчик ограждения", "fence sensor"};
            case RADIATION -> new String[] {"радиациялық монитор", "радиационный монитор", "radiation portal"};
            case AIS -> new String[] {"АИЖ (AIS)", "АИС", "AIS"};
            case PATROL -> new String[] {"жасақ баяндамасы", "донесение наряда", "patrol report"};
            case OTHER -> new String[] {"басқа датчик", "иной датчик", "sensor"};
        };
        return names[i];
    }

    private static String targetClass(TargetClass c, String l) {
        int i = LANGUAGES.indexOf(l);
        String[] names = switch (c) {
            case UNKNOWN -> new String[] {"белгісіз", "неизвестно", "track of unknown class"};
            case WALKER -> new String[] {"жаяу адам", "пешеход", "walker"};
            case VEHICLE -> new String[] {"көлік", "транспорт", "vehicle"};
            case VESSEL -> new String[] {"кеме", "судно", "vessel"};
            case FAST_MOVER -> new String[] {"жылдам нысан", "скоростная цель", "fast mover"};
        };
        return names[i];
    }
}

package kz.shekara.server.report;

import java.util.Locale;
import java.util.Map;
import kz.shekara.model.IncidentStatus;
import kz.shekara.theatre.UnitKind;

/**
 * The labels of the response report in Kazakh (Cyrillic), Russian or English. Immutable.
 */
public enum ReportText {
    EN("en", Map.ofEntries(
            Map.entry("title", "Response report"), Map.entry("period", "Period"), Map.entry("theatre", "Theatre"),
            Map.entry("times", "Times are local (UTC%s)."), Map.entry("summary", "Summary"),
            Map.entry("incidents", "Incidents"), Map.entry("dispatched", "Dispatched"),
            Map.entry("onScene", "Unit on scene"), Map.entry("resolved", "Resolved"),
            Map.entry("falseAlarms", "False alarms"), Map.entry("stillOpen", "Still open"),
            Map.entry("bySector", "Response time by sector"), Map.entry("byKind", "Response time by unit kind"),
            Map.entry("overTime", "Incidents over time"), Map.entry("map", "Map of incidents"),
            Map.entry("table", "Incidents"), Map.entry("alertToDispatch", "Alert → dispatch"),
            Map.entry("dispatchToOnScene", "Dispatch → on scene"),
            Map.entry("detectionToOnScene", "Detection → on scene"), Map.entry("group", "Group"),
            Map.entry("count", "Count"), Map.entry("median", "Median"), Map.entry("p90", "90th percentile"),
            Map.entry("max", "Maximum"), Map.entry("all", "All"), Map.entry("noData", "No data"),
            Map.entry("incident", "Incident"), Map.entry("sector", "Sector"), Map.entry("opened", "Alert"),
            Map.entry("status", "Status"), Map.entry("unit", "Unit"), Map.entry("kind", "Kind"), Map.entry("finding", "What was found"),
            Map.entry("minutes", "minutes"), Map.entry("boxNote",
                    "Box: quartiles; line: median; whiskers: minimum and maximum; times in minutes.")),
            Map.of(UnitKind.FOOT_PATROL, "Foot patrol", UnitKind.GROUND_VEHICLE, "Ground vehicle",
                    UnitKind.HELICOPTER, "Helicopter", UnitKind.BOAT, "Boat"),
            Map.of(IncidentStatus.OPEN, "open", IncidentStatus.ASSIGNED, "assigned", IncidentStatus.EN_ROUTE,
                    "en route", IncidentStatus.ON_SCENE, "on scene", IncidentStatus.RESOLVED, "resolved",
                    IncidentStatus.FALSE_ALARM, "false alarm")),
    RU("ru", Map.ofEntries(
            Map.entry("title", "Отчёт о времени реагирования"), Map.entry("period", "Период"),
            Map.entry("theatre", "Район"), Map.entry("times", "Время местное (UTC%s)."),
            Map.entry("summary", "Итоги"), Map.entry("incidents", "Инциденты"),
            Map.entry("dispatched", "Направлено подразделение"), Map.entry("onScene", "Подразделение на месте"),
            Map.entry("resolved", "Решено"), Map.entry("falseAlarms", "Ложные тревоги"),
            Map.entry("stillOpen", "Ещё открыты"), Map.entry("bySector", "Время реагирования по секторам"),
            Map.entry("byKind", "Время реагирования по типам подразделений"),
            Map.entry("overTime", "Инциденты во времени"), Map.entry("map", "Карта инцидентов"),
            Map.entry("table", "Инциденты"), Map.entry("alertToDispatch", "Тревога → направление"),
            Map.entry("dispatchToOnScene", "Направление → на месте"),
            Map.entry("detectionToOnScene", "Обнаружение → на месте"), Map.entry("group", "Группа"),
            Map.entry("count", "Число"), Map.entry("median", "Медиана"), Map.entry("p90", "90-й процентиль"),
            Map.entry("max", "Максимум"), Map.entry("all", "Все"), Map.entry("noData", "Нет данных"),
            Map.entry("incident", "Инцидент"), Map.entry("sector", "Сектор"), Map.entry("opened", "Тревога"),
            Map.entry("status", "Статус"), Map.entry("unit", "Подразделение"), Map.entry("kind", "Тип"), Map.entry("finding", "Что обнаружено"),
            Map.entry("minutes", "минуты"), Map.entry("boxNote",
                    "Ящик: квартили; линия: медиана; усы: минимум и максимум; время в минутах.")),
            Map.of(UnitKind.FOOT_PATROL, "Пеший патруль", UnitKind.GROUND_VEHICLE, "Автомобиль",
                    UnitKind.HELICOPTER, "Вертолёт", UnitKind.BOAT, "Катер"),
            Map.of(IncidentStatus.OPEN, "открыт", IncidentStatus.ASSIGNED, "назначен", IncidentStatus.EN_ROUTE,
                    "в пути", IncidentStatus.ON_SCENE, "на месте", IncidentStatus.RESOLVED, "решён",
                    IncidentStatus.FALSE_ALARM, "ложная тревога")),
    KK("kk", Map.ofEntries(
            Map.entry("title", "Әрекет ету уақыты туралы есеп"), Map.entry("period", "Кезең"),
            Map.entry("theatre", "Аудан"), Map.entry("times", "Уақыт жергілікті (UTC%s)."),
            Map.entry("summary", "Қорытынды"), Map.entry("incidents", "Оқиғалар"),
            Map.entry("dispatched", "Бөлімше жіберілді"), Map.entry("onScene", "Бөлімше оқиға орнында"),
            Map.entry("resolved", "Шешілді"), Map.entry("falseAlarms", "Жалған дабылдар"),
            Map.entry("stillOpen", "Әлі ашық"), Map.entry("bySector", "Секторлар бойынша әрекет ету уақыты"),
            Map.entry("byKind", "Бөлімше түрлері бойынша әрекет ету уақыты"),
            Map.entry("overTime", "Уақыт бойынша оқиғалар"), Map.entry("map", "Оқиғалар картасы"),
            Map.entry("table", "Оқиғалар"), Map.entry("alertToDispatch", "Дабыл → жіберу"),
            Map.entry("dispatchToOnScene", "Жіберу → оқиға орнында"),
            Map.entry("detectionToOnScene", "Анықтау → оқиға орнында"), Map.entry("group", "Топ"),
            Map.entry("count", "Саны"), Map.entry("median", "Медиана"), Map.entry("p90", "90-шы процентиль"),
            Map.entry("max", "Ең үлкені"), Map.entry("all", "Барлығы"), Map.entry("noData", "Деректер жоқ"),
            Map.entry("incident", "Оқиға"), Map.entry("sector", "Сектор"), Map.entry("opened", "Дабыл"),
            Map.entry("status", "Күйі"), Map.entry("unit", "Бөлімше"), Map.entry("kind", "Түрі"), Map.entry("finding", "Не анықталды"),
            Map.entry("minutes", "минут"), Map.entry("boxNote",
                    "Қорап: квартильдер; сызық: медиана; мұрттар: ең кіші және ең үлкен мән; уақыт минутпен.")),
            Map.of(UnitKind.FOOT_PATROL, "Жаяу патруль", UnitKind.GROUND_VEHICLE, "Көлік",
                    UnitKind.HELICOPTER, "Тікұшақ", UnitKind.BOAT, "Қайық"),
            Map.of(IncidentStatus.OPEN, "ашық", IncidentStatus.ASSIGNED, "тағайындалды", IncidentStatus.EN_ROUTE,
                    "жолда", IncidentStatus.ON_SCENE, "оқиға орнында", IncidentStatus.RESOLVED, "шешілді",
                    IncidentStatus.FALSE_ALARM, "жалған дабыл"));

    private final String code;
    private final Map<String, String> labels;
    private final Map<UnitKind, String> kinds;
    private final Map<IncidentStatus, String> statuses;

    ReportText(String code, Map<String, String> labels, Map<UnitKind, String> kinds,
               Map<IncidentStatus, String> statuses) {
        this.code = code;
        this.labels = labels;
        this.kinds = kinds;
        this.statuses = statuses;
    }

    /** The language code of the page (kk, ru, en). */
    public String code() {
        return code;
    }

    /** The language for a code (kk, ru or en, any case). */
    public static ReportText of(String code) {
        for (ReportText t : values()) {
            if (t.code.equals(code.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("--lang must be kk, ru or en, got '" + code + "'");
    }

    String get(String key) {
        String s = labels.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no label " + key);
        }
        return s;
    }

    String kind(UnitKind k) {
        return kinds.get(k);
    }

    /** A unit kind given as its API code (ground-vehicle). */
    String kind(String code) {
        return kind(UnitKind.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    String status(IncidentStatus s) {
        return statuses.get(s);
    }
}

package kz.shekara.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;

/** Each rule's finding, raised by the rule from its fixture scenario, written in Kazakh, Russian and English. */
class AlertTextTest {
    private static final ZoneOffset UTC = ZoneOffset.UTC;

    private static Alert first(String scenario, RuleKind rule) {
        return RuleScenarioTest.run(scenario, Posture.NORMAL).stream().filter(Alert.class::isInstance).map(Alert.class::cast)
                .filter(a -> a.rule() == rule).findFirst().orElseThrow();
    }

    private static void reads(Alert a, String kk, String ru, String en) {
        assertThat(a.facts()).as("facts of %s", a.rule()).isNotNull();
        assertThat(AlertText.of(a, "kk", UTC)).isEqualTo(kk);
        assertThat(AlertText.of(a, "ru", UTC)).isEqualTo(ru);
        assertThat(AlertText.of(a, "en", UTC)).isEqualTo(en);
    }

    @Test
    void borderCrossing() {
        reads(first("walker-crossing", RuleKind.BORDER_CROSSING),
                "Шекараны ел ішіне қарай кесіп өту, south учаскесінде, уақыты 00:01:06 UTC",
                "Пересечение границы внутрь страны на участке south в 00:01:06 UTC",
                "Inbound crossing in sector south at 00:01:06 UTC");
    }

    @Test
    void approachPredictedAndInside() {
        reads(first("boat-approach", RuleKind.APPROACH),
                "Болжам: «Test offshore platform» объектісінің күзет аймағына (радиусы 2,0 км) 9 мин 53 с ішінде жетеді",
                "Прогноз: достигнет охранной зоны объекта «Test offshore platform» (радиус 2,0 км) через 9 мин 53 с",
                "Predicted to reach the 2.0 km buffer of Test offshore platform in 9 min 53 s");
        Alert inside = RuleScenarioTest.run("boat-approach", Posture.NORMAL).stream().filter(Alert.class::isInstance)
                .map(Alert.class::cast).filter(a -> a.facts() instanceof AlertFacts.InsideBuffer).findFirst().orElseThrow();
        reads(inside, "«Test offshore platform» объектісінің күзет аймағында (радиусы 2,0 км), одан 1,9 км қашықтықта",
                "В охранной зоне объекта «Test offshore platform» (радиус 2,0 км), в 1,9 км от него",
                "Inside the 2.0 km buffer of Test offshore platform, 1.9 km from it");
    }

    @Test
    void loitering() {
        reads(first("loiterer", RuleKind.LOITERING),
                "10 мин бойы 200 м шегінде тұр, «Test pipeline station» аймағынан 1,5 км қашықтықта",
                "Держится в пределах 200 м в течение 10 мин, в 1,5 км от «Test pipeline station»",
                "Within 200 m for 10 min, 1.5 km from Test pipeline station");
    }

    @Test
    void speedClosingOnASiteCarriesTheClassExcess() {
        reads(first("fast-boat", RuleKind.SPEED),
                "«Test offshore platform» объектісіне 20 км қашықтықтан 25,0 м/с жылдамдықпен жақындап келеді, рұқсат "
                        + "етілгеннен (10,0 м/с) жоғары; жылдамдығы 25,0 м/с, «кеме» класы үшін рұқсат етілгеннен (20,0 м/с) жоғары",
                "Сближается с объектом «Test offshore platform» со скоростью 25,0 м/с с расстояния 20 км, выше допустимой "
                        + "(10,0 м/с); скорость 25,0 м/с, выше допустимой для класса «судно» (20,0 м/с)",
                "Closing on Test offshore platform at 25.0 m/s from 20 km, above the 10.0 m/s allowed; 25.0 m/s, above the "
                        + "20.0 m/s allowed a vessel");
    }

    @Test
    void speedAboveTheClassLimit() {
        Alert a = alert(new AlertFacts.ClassSpeed(5.25, 4, TargetClass.WALKER));
        reads(a, "Жылдамдығы 5,3 м/с, «жаяу адам» класы үшін рұқсат етілгеннен (4,0 м/с) жоғары",
                "Скорость 5,3 м/с, выше допустимой для класса «пешеход» (4,0 м/с)",
                "5.3 m/s, above the 4.0 m/s allowed a walker");
    }

    @Test
    void sensorAlarm() {
        reads(first("fence-alarm", RuleKind.SENSOR_ALARM),
                "Қоршау датчигі іске қосылды: Fence segment 3, орны: «Test crossing point»",
                "Срабатывание: датчик ограждения Fence segment 3, место: «Test crossing point»",
                "Fence sensor alarm from Fence segment 3 at Test crossing point");
    }

    @Test
    void sensorSilent() {
        reads(first("silent-sensor", RuleKind.SENSOR_SILENT),
                "Датчик Ground sensor 7 (жер датчигі) үнсіз: соңғы белгі 00:00:00 UTC, есеп кезеңі 1 мин",
                "Датчик Ground sensor 7 (сейсмодатчик) молчит с 00:00:00 UTC (период 1 мин)",
                "Ground sensor Ground sensor 7 silent since 00:00:00 UTC (period 1 min)");
    }

    @Test
    void unitEmergencyAndSectorVoid() {
        reads(first("units", RuleKind.UNIT_EMERGENCY), "Төтенше белгі (b-a-o-tbl), жіберуші: Burkit 1",
                "Экстренный сигнал (b-a-o-tbl) от Burkit 1", "Emergency (b-a-o-tbl) from Burkit 1");
        reads(first("units", RuleKind.SECTOR_VOID), "«Caspian test sector» учаскесінде және одан 30 км шегінде бос жасақ жоқ",
                "Нет свободных нарядов на участке «Caspian test sector» и в пределах 30 км от него",
                "No available unit in or within 30 km of Caspian test sector");
    }

    @Test
    void placesAreNamedInTheLanguageAndTimesAtTheOffsetWithTheDateWhenAnotherDay() {
        AlertFacts.Place cp = new AlertFacts.Place("cp-zhibek-zholy", "Zhibek Zholy",
                Map.of("kk", "Жібек жолы", "ru", "Жибек Жолы", "en", "Zhibek Zholy"));
        Alert crossing = alert(new AlertFacts.Crossing(false, cp, true, Instant.parse("2026-03-01T18:59:30Z")));
        reads(crossing, "Шекараны ел сыртына қарай кесіп өту, «Жібек жолы» өткізу пунктінде, уақыты 18:59:30 UTC",
                "Пересечение границы из страны у пункта пропуска «Жибек Жолы» в 18:59:30 UTC",
                "Outbound crossing at crossing point Zhibek Zholy at 18:59:30 UTC");
        assertThat(AlertText.of(crossing, "ru", ZoneOffset.ofHours(5)))
                .isEqualTo("Пересечение границы из страны у пункта пропуска «Жибек Жолы» в 01.03.2026 23:59:30 UTC+05:00");
        Alert silent = alert(new AlertFacts.SensorSilent(SensorKind.RADAR, "RLS-7", Instant.parse("2026-02-27T06:00:00Z"),
                Duration.ofMinutes(75)));
        assertThat(AlertText.of(silent, "en", UTC)).isEqualTo("Radar RLS-7 silent since 2026-02-27 06:00:00 UTC (period 1 h 15 min)");
        assertThat(AlertText.of(silent, "kk", UTC))
                .isEqualTo("Датчик RLS-7 (радиолокатор) үнсіз: соңғы белгі 27.02.2026 06:00:00 UTC, есеп кезеңі 1 сағ 15 мин");
    }

    @Test
    void sensorsAreNamedInTheLanguageWhenTheTheatreGivesTheirNames() {
        Map<String, String> names = Map.of("kk", "Тараз жер датчигі 1", "ru", "Сейсмодатчик Тараз 1");
        Alert silent = alert(new AlertFacts.SensorSilent(SensorKind.UGS, "Ground sensor Taraz 1",
                Instant.parse("2026-03-01T18:00:00Z"), Duration.ofMinutes(1), names));
        reads(silent, "Датчик Тараз жер датчигі 1 (жер датчигі) үнсіз: соңғы белгі 18:00:00 UTC, есеп кезеңі 1 мин",
                "Датчик Сейсмодатчик Тараз 1 (сейсмодатчик) молчит с 18:00:00 UTC (период 1 мин)",
                "Ground sensor Ground sensor Taraz 1 silent since 18:00:00 UTC (period 1 min)");
        Alert alarm = alert(new AlertFacts.SensorAlarm(SensorKind.UGS, "Ground sensor Taraz 1", null, names));
        reads(alarm, "Жер датчигі іске қосылды: Тараз жер датчигі 1", "Срабатывание: сейсмодатчик Сейсмодатчик Тараз 1",
                "Ground sensor alarm from Ground sensor Taraz 1");
    }

    @Test
    void numbersAreGroupedPerLanguage() {
        Alert a = alert(new AlertFacts.SiteClosing(new AlertFacts.Place("s", "S", Map.of()), 1234.5, 950, 10, null));
        assertThat(AlertText.of(a, "en", UTC)).contains("1,234.5 m/s", "950 m");
        assertThat(AlertText.of(a, "ru", UTC)).contains("1\u00a0234,5 м/с", "950 м");
        assertThat(AlertText.of(a, "kk", UTC)).contains("1\u00a0234,5 м/с");
    }

    @Test
    void anAlertLoggedWithoutFactsReadsAsItsEnglishDetailAndAnUnknownLanguageAsEnglish() {
        Alert old = new Alert(Instant.parse("2026-03-01T00:00:00Z"), "AL-1", RuleKind.SPEED, Severity.MEDIUM, null, null, "T-1",
                null, null, 43, 51, new TreeSet<>(), "20.0 m/s, above the 12.0 m/s allowed a vessel", Fixtures.MARKING);
        assertThat(AlertText.of(old, "kk", UTC)).isEqualTo(old.detail());
        Alert a = alert(new AlertFacts.UnitEmergency("b-a-o-tbl", "BERKUT-1"));
        assertThat(AlertText.of(a, "de", UTC)).isEqualTo(AlertText.of(a, "en", UTC));
        assertThat(AlertText.of(a, null, UTC)).isEqualTo("Emergency (b-a-o-tbl) from BERKUT-1");
    }

    private static Alert alert(AlertFacts facts) {
        return new Alert(Instant.parse("2026-03-01T19:00:00Z"), "AL-1", RuleKind.SPEED, Severity.HIGH, null, null, "T-1", null,
                null, 43, 51, new TreeSet<>(), "detail", Fixtures.MARKING, facts);
    }
}

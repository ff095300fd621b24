package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import kz.shekara.model.Alert;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import org.junit.jupiter.api.Test;

/** An alert marker's remarks in each crew language: rule and severity as the map names them, then the subject. */
class AlertCotTextTest {
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "kz-bs", List.of());

    private static Alert alert(RuleKind rule, Severity severity, String zone, String track, String sensor, String unit) {
        return new Alert(Instant.parse("2026-03-01T06:01:30Z"), "AL-1", rule, severity, "uz-02", zone, track, sensor, unit,
                41.5, 69.25, new TreeSet<>(), "the detail", MARKING);
    }

    @Test
    void namesTheRuleSeverityAndSubjectInTheCrewsLanguage() {
        Alert crossing = alert(RuleKind.BORDER_CROSSING, Severity.HIGH, "border-uz-02", "T-7", null, null);
        assertThat(AlertCotText.remarks(crossing, "ru"))
                .isEqualTo("Пересечение границы (высокая) трасса T-7, зона border-uz-02: the detail");
        assertThat(AlertCotText.remarks(crossing, "KK"))
                .isEqualTo("Шекараны кесіп өту (жоғары) трасса T-7, аймақ border-uz-02: the detail");
        assertThat(AlertCotText.remarks(crossing, "de"))
                .isEqualTo("border-crossing (high) track T-7 at border-uz-02: the detail");
        Alert alarm = alert(RuleKind.SENSOR_ALARM, Severity.CRITICAL, "cp-1", null, "fence-1", null);
        assertThat(AlertCotText.remarks(alarm, "ru")).isEqualTo("Срабатывание датчика (критическая) датчик fence-1: the detail");
        assertThat(AlertCotText.remarks(alarm, "kk")).isEqualTo("Датчиктің іске қосылуы (өте жоғары) датчик fence-1: the detail");
        Alert emergency = alert(RuleKind.UNIT_EMERGENCY, Severity.CRITICAL, null, null, null, "HELI-1");
        assertThat(AlertCotText.remarks(emergency, "kk"))
                .isEqualTo("Жасақтың төтенше белгісі (өте жоғары) бөлімше HELI-1: the detail");
        Alert voidSector = alert(RuleKind.SECTOR_VOID, Severity.MEDIUM, "uz-02", null, null, null);
        assertThat(AlertCotText.remarks(voidSector, "ru")).isEqualTo("Участок без нарядов (средняя) зона uz-02: the detail");
        assertThat(AlertCotText.remarks(alert(RuleKind.SPEED, Severity.LOW, null, null, null, null), "en"))
                .isEqualTo("speed (low) : the detail");
    }
}

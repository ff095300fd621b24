package kz.shekara.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;

class TaskTextTest {
    private static Unit unit(String language) {
        return new Unit("GP-1", "Shekara 11", UnitKind.GROUND_VEHICLE, "post", "cmd", 22, 10, Duration.ofMinutes(5),
                600, language);
    }

    @Test
    void writesTheOrderInTheCrewsLanguage() {
        assertThat(TaskText.order(unit("kk"), "I-1", "T-7", 41.512345, 69.25, 754))
                .isEqualTo("Shekara 11: I-1 оқиғасына жедел шығу. Нысана T-7. Ұстау нүктесі 41.51235, 69.25000, "
                        + "шамамен 13 мин. Қабылдағаныңызды растаңыз.");
        assertThat(TaskText.order(unit("ru"), "I-1", null, 41.5, 69.25, 754))
                .isEqualTo("Shekara 11: выезд по происшествию I-1. Точка перехвата 41.50000, 69.25000, около 13 мин. "
                        + "Подтвердите приём.");
        assertThat(TaskText.order(unit("en"), "I-1", "T-7", 41.5, 69.25, Double.NaN))
                .isEqualTo("Shekara 11: respond to incident I-1. Target T-7. Intercept point 41.50000, 69.25000, "
                        + "about ? min. Acknowledge.");
        assertThat(TaskText.order(unit(null), "I-1", null, 41.5, 69.25, 60)).startsWith("Shekara 11: respond to");
    }
}

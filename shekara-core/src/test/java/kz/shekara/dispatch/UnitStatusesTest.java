package kz.shekara.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.sim.FixtureTheatre;
import org.junit.jupiter.api.Test;

class UnitStatusesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    private static Task task(long s, TaskStatus status) {
        return new Task(T0.plusSeconds(s), "IN-1.GP-1", "IN-1", "GP-1", status, "T-1", 41.5, 69.3, 600, "duty", "",
                FixtureTheatre.MARKING);
    }

    private static UnitPosition report(long s, UnitStatus status) {
        return new UnitPosition(T0.plusSeconds(s), "GP-1", "Shekara 1", "a-f-G-U-C", 41.4, 69.2, Double.NaN,
                Double.NaN, status, FixtureTheatre.MARKING);
    }

    @Test
    void followsTheTaskLifecycleWhateverThePositionReportsSay() {
        UnitStatuses s = new UnitStatuses();
        assertThat(s.overlay(report(0, UnitStatus.AVAILABLE)).status()).isEqualTo(UnitStatus.AVAILABLE);
        s.onTask(task(10, TaskStatus.DISPATCHED));
        assertThat(s.overlay(report(20, UnitStatus.AVAILABLE)).status()).isEqualTo(UnitStatus.TASKED);
        s.onTask(task(30, TaskStatus.ACKNOWLEDGED));
        assertThat(s.overlay(report(40, UnitStatus.AVAILABLE)).status()).isEqualTo(UnitStatus.TASKED);
        s.onTask(task(50, TaskStatus.EN_ROUTE));
        assertThat(s.overlay(report(60, UnitStatus.AVAILABLE)).status()).isEqualTo(UnitStatus.EN_ROUTE);
        s.onTask(task(70, TaskStatus.ON_SCENE));
        UnitPosition moved = s.overlay(report(80, UnitStatus.AVAILABLE));
        assertThat(moved.status()).isEqualTo(UnitStatus.ON_SCENE);
        assertThat(moved.lat()).as("the report moves the unit").isEqualTo(41.4);
        s.onTask(task(90, TaskStatus.ENDED));
        assertThat(s.overlay(report(100, UnitStatus.AVAILABLE)).status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(s.overlay(report(110, UnitStatus.UNAVAILABLE)).status())
                .as("without a task the crew's own word stands: out of service").isEqualTo(UnitStatus.UNAVAILABLE);
        assertThat(s.tasked()).isEmpty();
    }
}

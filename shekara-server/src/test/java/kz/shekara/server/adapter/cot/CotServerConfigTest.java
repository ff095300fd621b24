package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import kz.shekara.server.config.ShekaraConfig;
import org.junit.jupiter.api.Test;

class CotServerConfigTest {
    @Test
    void defaultsToThePlainTakStreamingPortWithUdpOff() {
        CotServerConfig d = CotServerConfig.defaults();
        assertThat(d.port()).isEqualTo(8087);
        assertThat(d.udpPort()).isEqualTo(-1);
        assertThat(d.maxEventBytes()).isEqualTo(65_536);
    }

    @Test
    void takesTheServerConfigurationSectionWhereUdpZeroMeansOff() {
        assertThat(CotServerConfig.of(new ShekaraConfig.Cot("127.0.0.1", 0, 0, 4096)).udpPort()).isEqualTo(-1);
        CotServerConfig c = CotServerConfig.of(new ShekaraConfig.Cot("127.0.0.1", 9087, 6969, 4096));
        assertThat(c.port()).isEqualTo(9087);
        assertThat(c.udpPort()).isEqualTo(6969);
        assertThat(c.maxEventBytes()).isEqualTo(4096);
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> CotServerConfig.defaults().withPort(70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> new CotServerConfig("0.0.0.0", 8087, -1, 65_536, 0, Duration.ofMinutes(2), 50, null))
                .hasMessageContaining("clientQueueCapacity");
        assertThatThrownBy(() -> new CotServerConfig("0.0.0.0", 8087, -1, 65_536, 10, Duration.ZERO, 50, null))
                .hasMessageContaining("validity");
    }
}

package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} and {@code collect} given an address where no broker listens (a port just closed) end with a
 * clear error and a non-zero exit once {@code --wait} has passed, and write nothing; they do not leave the
 * Kafka client retrying without end. (The timeout guards against that hang; it measures nothing.)
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaNoBrokerTest {
    @TempDir
    Path dir;

    private static String closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void publishToAnAddressWithNoBrokerSaysSoAndExitsNonZero() throws Exception {
        Path sim = dir.resolve("sim");
        KafkaPipelineTest.run("simulate", "--seed", "7", "--duration", "1m", "--out", sim.toString());
        String nobody = closedPort();

        KafkaPipelineTest.Run r = KafkaPipelineTest.execute("publish", "--kafka", nobody, "--wait", "3s", "--in", sim.resolve("detections.jsonl").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("shekara: no Kafka broker answered at " + nobody + " within 3s");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void collectFromAnAddressWithNoBrokerSaysSoExitsNonZeroAndWritesNothing() throws Exception {
        String nobody = closedPort();
        Path out = dir.resolve("out");

        KafkaPipelineTest.Run r = KafkaPipelineTest.execute("collect", "--kafka", nobody, "--wait", "3s", "--out", out.toString(), "--idle", "1s");

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("shekara: no Kafka broker answered at " + nobody + " within 3s");
        assertThat(out).doesNotExist();
    }
}

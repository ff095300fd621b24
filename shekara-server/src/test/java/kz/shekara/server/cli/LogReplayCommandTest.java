package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code replay --from --to}: a stored period of the event log in a data directory, played into its own session. */
class LogReplayCommandTest {
    static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    @TempDir
    Path tmp;

    private static int run(StringWriter out, String... args) {
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    /** 100 positions of a unit, one every 10 s from T0. */
    private void writeLog(Path dataDir) {
        Marking m = Marking.of(Classification.RESTRICTED, "kz-bs", Set.of());
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(new LogEntry(Topic.UNIT_POSITIONS.name(), "uz-01", new UnitPosition(T0.plusSeconds(i * 10L), "GP-UZ01",
                    "Shekara 11", "a-f-G-U-C", 41.4 + i * 1e-4, 69.0, 90, 5, UnitStatus.EN_ROUTE, m)));
        }
        try (EventLog log = new SqliteEventLog(dataDir.resolve(EventLogs.DEFAULT_FILE), StoreConfig.defaults())) {
            log.append(entries);
        }
    }

    @Test
    void replaysAStoredPeriodIntoItsOwnSessionAndLeavesTheLogAsItWas() throws Exception {
        Path data = tmp.resolve("data");
        writeLog(data);
        long size = Files.size(data.resolve(EventLogs.DEFAULT_FILE));
        StringWriter out = new StringWriter();
        int code = run(out, "replay", "--data-dir", data.toString(), "--from", "2026-03-01T06:01:00Z", "--to",
                "2026-03-01T06:05:00Z", "--fast", "--exit-when-done");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).containsPattern("shekara: http=\\d+ web=http://127\\.0\\.0\\.1:\\d+/ "
                + "replay=2026-03-01T06:01:00Z\\.\\.2026-03-01T06:05:00Z speed=fast")
                .contains("replayed 24 logged events");
        try (EventLog log = new SqliteEventLog(data.resolve(EventLogs.DEFAULT_FILE), StoreConfig.defaults())) {
            assertThat(log.latestSeq()).isEqualTo(100);
        }
        assertThat(Files.size(data.resolve(EventLogs.DEFAULT_FILE))).isEqualTo(size);
    }

    @Test
    void refusesAMissingLogAndIncompleteOrMixedOptions() {
        StringWriter out = new StringWriter();
        assertThat(run(out, "replay", "--data-dir", tmp.resolve("none").toString(), "--from", "2026-03-01T06:01:00Z",
                "--to", "2026-03-01T06:05:00Z")).isEqualTo(2);
        assertThat(out.toString()).contains("no event log at");
        assertThat(Files.exists(tmp.resolve("none").resolve(EventLogs.DEFAULT_FILE))).isFalse();
        StringWriter half = new StringWriter();
        assertThat(run(half, "replay", "--from", "2026-03-01T06:01:00Z")).isEqualTo(2);
        assertThat(half.toString()).contains("needs both --from and --to");
        StringWriter mixed = new StringWriter();
        assertThat(run(mixed, "replay", "--in", "x.jsonl", "--from", "2026-03-01T06:01:00Z", "--to",
                "2026-03-01T06:05:00Z")).isEqualTo(2);
        assertThat(mixed.toString()).contains("give no --in");
        StringWriter backwards = new StringWriter();
        assertThat(run(backwards, "replay", "--data-dir", tmp.toString(), "--from", "2026-03-01T06:05:00Z", "--to",
                "2026-03-01T06:01:00Z")).isEqualTo(2);
        assertThat(backwards.toString()).contains("must end after it starts");
        StringWriter neither = new StringWriter();
        assertThat(run(neither, "replay")).isEqualTo(2);
        assertThat(neither.toString()).contains("give --in FILE");
    }
}

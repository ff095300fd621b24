package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kz.shekara.incident.ResponseFixtures;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.cli.ShekaraCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shekara report --db jdbc:postgresql:…} over a real PostgreSQL gives the page the SQLite log gives. */
@ExtendWith(PostgresExtension.class)
class ReportOnPostgresTest {
    @TempDir
    Path dir;

    private int report(Path out, String... store) {
        CommandLine cl = ShekaraCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("report", "--from", "2026-03-02T00:00:00Z", "--to",
                "2026-03-03T00:00:00Z", "--out", out.toString(), "--lang", "ru"));
        args.addAll(List.of(store));
        int code = cl.execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return code;
    }

    @Test
    void postgresLogGivesTheSamePageAsSqlite(LocalPostgres pg) throws Exception {
        List<DomainEvent> log = ResponseFixtures.log(new ResponseFixtures.Cast("uz-01", 42.0, 70.0, "uz-02", 41.5,
                69.5, "GP-UZ01", "HELI-1"));
        String url = pg.createDatabase();
        try (EventLog postgres = EventLogs.open(url, dir, StoreConfig.defaults())) {
            postgres.append(ResponseLogs.entries(log));
        }
        ResponseLogs.write(dir.resolve("data"), log);
        report(dir.resolve("pg.html"), "--db", url);
        report(dir.resolve("sqlite.html"), "--data-dir", dir.resolve("data").toString());
        String page = Files.readString(dir.resolve("pg.html"));
        assertThat(page).contains("Отчёт о времени реагирования", "data-key=\"incidents\">4<");
        assertThat(Files.readAllBytes(dir.resolve("pg.html"))).isEqualTo(Files.readAllBytes(dir.resolve("sqlite.html")));
    }
}

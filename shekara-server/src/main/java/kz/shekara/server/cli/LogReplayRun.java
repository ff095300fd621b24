package kz.shekara.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.review.ReplayPeriod;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import kz.shekara.server.ReplaySession;
import kz.shekara.server.ServerAccess;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.StoreConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code replay --from --to} form: opens the event log given by {@code --db} or {@code --data-dir}
 * (it must exist; it is only read), starts a {@link ReplaySession} on its own HTTP port (a free one
 * unless {@code --http-port} is given) with the store's accounts and audit trail, prints {@code shekara: http=P web=URL replay=FROM..TO} and runs
 * until stopped (or, with {@code --exit-when-done}, until the period has been played).
 */
final class LogReplayRun {
    private final ServerOptions server;
    private final TheatreOption theatre;
    private final CommandSpec spec;

    LogReplayRun(ServerOptions server, TheatreOption theatre, CommandSpec spec) {
        this.server = server;
        this.theatre = theatre;
        this.spec = spec;
    }

    int run(Instant from, Instant to, double speed, boolean paused, boolean exitWhenDone) throws Exception {
        ReplayPeriod period;
        try {
            period = new ReplayPeriod(from, to, speed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ShekaraConfig cfg = server.applyTo(ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0)
                .withTheatre(theatre.dir()));
        requireExistingLog(cfg);
        EventLog log = EventLogs.open(cfg.db(), cfg.dataDir(), StoreConfig.defaults());
        ReplaySession session;
        ServerAccess access = null;
        try {
            // The session's logins, state-changing requests and exports go to the store's audit trail.
            access = ServerAccess.open(cfg, Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            session = ReplaySession.start(log, theatre.load(), new ReplaySession.Config(
                    new HttpConfig(cfg.http().bind(), cfg.http().port()), period, paused, access.access(),
                    access.audit(), cfg.simulation().enabled()), Clock.systemUTC());
        } catch (RuntimeException e) {
            if (access != null) {
                access.close();
            }
            log.close();
            throw e;
        }
        ServerAccess opened = access;
        PrintWriter out = spec.commandLine().getOut();
        String host = "0.0.0.0".equals(cfg.http().bind()) ? "localhost" : cfg.http().bind();
        out.printf("shekara: http=%d web=http://%s:%d/ replay=%s..%s speed=%s%n", session.port(), host, session.port(),
                from, to, speed == 0 ? "fast" : Double.toString(speed));
        out.flush();
        if (exitWhenDone) {
            session.replay().ended().get();
            session.bus().drain();
            out.printf("shekara: replayed %d logged events%n", session.replay().state().published());
            out.flush();
            session.close();
            opened.close();
            log.close();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            session.close();
            opened.close();
            log.close();
            stopped.countDown();
        }, "shekara-replay-shutdown"));
        stopped.await();
        return 0;
    }

    /** A replay reads an existing log: a missing SQLite file is an error, never a new empty log. */
    private void requireExistingLog(ShekaraConfig cfg) {
        String db = cfg.db();
        Path file = null;
        if (db == null || db.isBlank()) {
            file = cfg.dataDir().resolve(EventLogs.DEFAULT_FILE);
        } else if (db.startsWith("jdbc:sqlite:")) {
            file = Path.of(db.substring("jdbc:sqlite:".length()));
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "no event log at " + file + " (give --data-dir or --db)");
        }
    }
}

package kz.shekara.server;

import kz.shekara.server.review.LogPictures;
import kz.shekara.server.review.LogReplay;
import kz.shekara.server.review.LoggedOutputs;
import kz.shekara.server.review.ReplayPeriod;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;
import kz.shekara.model.Task;
import kz.shekara.server.access.AccessService;
import kz.shekara.server.access.AuditTrail;
import kz.shekara.server.api.Caller;
import kz.shekara.server.api.FeedsApi;
import kz.shekara.server.api.PartnerStream;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.api.ApiServer;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.api.ReplayRoutes;
import kz.shekara.server.api.ReviewApi;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.theatre.Theatre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay session: a server of its own that plays a stored period of an event log into a web map
 * of its own, for after-action review. It has its own in-memory bus (every replayed event is
 * published on it), live picture (fed in log order), meters and HTTP
 * port; no CoT input, no tracker and no rules: it shows the logged outputs (tracks, alerts, incidents)
 * as operators saw them, and it never writes to the log it reads. Every reader sees it under the
 * markings and the releases made up to the replay's time (a partner through its feed), and the
 * operational control and crises in force then. The map labels itself REPLAY from
 * {@code GET /api/v1/replay}. Start once, close once; thread-safe to close.
 */
public final class ReplaySession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplaySession.class);

    /**
     * Where the session listens and what it plays; {@code startPaused} waits for resume or seek;
     * {@code access} authenticates its callers (null: nobody is, and only the open routes answer);
     * {@code audit} records their logins, state-changing requests and exports (null: nothing is);
     * {@code exercise} whether the log is an exercise deployment's (else exercise data reaches the
     * home agency only, as on the live server).
     */
    public record Config(HttpConfig http, ReplayPeriod period, boolean startPaused, AccessService access,
                         AuditTrail audit, boolean exercise) {
        public Config {
            Objects.requireNonNull(http, "http");
            Objects.requireNonNull(period, "period");
        }

        /** A session with no audit trail, of an exercise deployment's log. */
        public Config(HttpConfig http, ReplayPeriod period, boolean startPaused, AccessService access) {
            this(http, period, startPaused, access, null, true);
        }
    }

    /** The topics of the things on the map that move: tracks and units. */
    private static final java.util.Set<String> MOVING_TOPICS = java.util.Set.of(Topic.TRACKS.name(),
            Topic.UNIT_POSITIONS.name());

    private final ClosingStack started = new ClosingStack(LOG);
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private InMemoryBus bus;
    private LiveState live;
    private LoggedOutputs outputs;
    private final ReleaseBook releases = new ReleaseBook();
    private LogReplay replay;
    private int port;
    private EventLog source;
    private Instant from;

    private ReplaySession() {
    }

    /** Starts the session's server and the replay; on failure closes what was started. */
    public static ReplaySession start(EventLog source, Theatre theatre, Config config, Clock clock) {
        ReplaySession s = new ReplaySession();
        try {
            s.startComponents(source, theatre, config, clock);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startComponents(EventLog source, Theatre theatre, Config config, Clock clock) {
        bus = new InMemoryBus();
        started.push(bus);
        // The picture takes the events in log order from the replay thread itself, not from the bus's
        // per-topic threads: a unit position running ahead of a track update must not age the track out,
        // so that the same period always gives the same picture.
        live = new LiveState(bus, LiveStateConfig.defaults());
        outputs = new LoggedOutputs(theatre);
        this.source = source;
        this.from = config.period().from();
        before();
        // Releases apply from the moment they were made: every reader sees what was released to its
        // agency by the replay's time, no more.
        replay = new LogReplay(source, config.period(), bus, clock, e -> {
            releases.accept(e.event());
            outputs.apply(e);
            live.accept(e.event());
        }, this::resetViews);
        ApiServer api = new ApiServer(config.http(), theatre, live, bus, meters, clock)
                .sharing(releases, config.exercise());
        if (config.access() != null) {
            api.access(config.access());
        }
        if (config.audit() != null) {
            api.audit(config.audit());
        }
        api.addRoutes(new ReplayRoutes(replay, outputs, api::viewer, theatre)::register);
        // A partner reads the replay through its feed, as it stood then.
        PartnerStream stream = new PartnerStream(bus, ws -> api.viewer(Caller.of(ws)), api.redactor());
        started.push(stream);
        api.addRoutes(new FeedsApi(theatre, live, outputs::alerts, outputs::incidents, api::viewer, api.redactor(),
                stream)::register);
        // The zones show the sectors' postures as they stood in the replay (buffers as the theatre draws them).
        api.postures(new ApiServer.Postures(outputs::postures, p -> 1.0));
        api.addRoutes(new ReviewApi(new LogPictures(source), theatre)::register);
        port = api.start();
        started.push(api);
        replay.start(config.startPaused());
        started.push(replay);
        LOG.info("replay session of {} from {} to {} on port {}", source, config.period().from(), config.period().to(), port);
    }

    /** Before a seek back: lets the bus deliver what is queued, then empties the views. */
    private void resetViews() {
        try {
            bus.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.clear();
        outputs.clear();
        releases.clear();
        before();
    }

    /**
     * The state as it stood at the period's start: every output logged before it (alerts, incidents,
     * postures, tasks, control) folded in, without publishing, so that incidents opened earlier are
     * there and tasked units show their task's status; and the tracks and unit positions of the window a
     * review picture is folded from ({@link LogPictures#DEFAULT_WINDOW}), so the map at the start shows
     * what the picture at that instant holds.
     */
    private void before() {
        try (Stream<StoredEvent> earlier = source.readTimeRange(Instant.EPOCH, from, LoggedOutputs.OUTPUT_TOPICS)) {
            earlier.forEach(e -> {
                releases.accept(e.event());
                outputs.apply(e);
                if (e.event() instanceof Task) {
                    live.accept(e.event());
                }
            });
        }
        try (Stream<StoredEvent> moving = source.readTimeRange(from.minus(LogPictures.DEFAULT_WINDOW), from, MOVING_TOPICS)) {
            moving.forEach(e -> live.accept(e.event()));
        }
    }

    public int port() {
        return port;
    }

    public LogReplay replay() {
        return replay;
    }

    public LiveState live() {
        return live;
    }

    public InMemoryBus bus() {
        return bus;
    }

    public LoggedOutputs outputs() {
        return outputs;
    }

    @Override
    public synchronized void close() {
        started.closeAll();
    }
}

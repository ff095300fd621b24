package kz.shekara.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.servlet.FilterHolder;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import kz.shekara.model.ChatMessage;
import kz.shekara.server.access.AccessService;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.StoreHealth;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.Viewer;
import kz.shekara.server.access.Identity;
import kz.shekara.server.access.Role;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of Shekara in one Javalin server: the REST API under {@code /api/v1} (JSON and
 * GeoJSON, WGS84 degrees, ISO-8601 event times), the WebSocket live feed {@code /api/v1/live}, the
 * Prometheus metrics, and the offline web map (static files from the classpath, Leaflet from its
 * webjar; no request leaves the host). The routes are listed in {@link ReadRoutes} and here.
 *
 * <p>Every request passes the access check ({@link AccessGate}: session cookie or bearer token, then
 * the {@link RoutePolicy}); every read goes through {@link #viewer}, which resolves the caller to an
 * agency and role for marking-based filtering. Invalid
 * requests get a 4xx with {@code {"error": code, "detail": sentence}} and are counted
 * by {@link ApiErrors}. Thread-safe; start once, close once.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Pending live-feed messages per browser before detections are dropped. */
    static final int SESSION_CAPACITY = 4096;

    private final HttpConfig config;
    private final Theatre theatre;
    private final LiveState live;
    private final Bus bus;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final StatusProbe status;
    private final LiveFeed feed;
    private final Counter messagesIn;
    private final Viewer home;
    private final Redactor redactor;
    private volatile Viewer.Releases releases = Viewer.Releases.NONE;
    private volatile boolean exerciseDeployment = true;
    private final java.util.List<java.util.function.Consumer<Javalin>> extraRoutes = new java.util.ArrayList<>();
    private volatile java.util.function.Supplier<StoreHealth> storeHealth;
    private final java.util.List<ReportedPart> parts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Postures postures;
    private AccessService access;
    private kz.shekara.server.access.AuditTrail audit;
    private Javalin app;
    private AutoCloseable liveListener;
    private Bus.Subscription postureFeed;
    private Bus.Subscription controlFeed;
    private ScheduledExecutorService ticker;

    /**
     * @param clock gives the event time of messages the operations centre sends and the wall time
     *              of the status line's rates
     */
    public ApiServer(HttpConfig config, Theatre theatre, LiveState live, Bus bus, PrometheusMeterRegistry registry,
                     Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.live = Objects.requireNonNull(live, "live");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.home = Viewer.home(theatre.defaultMarking().originator());
        this.redactor = new Redactor(theatre);
        this.postures = new Postures(java.util.Map::of, p -> 1.0);
        this.status = new StatusProbe(registry, live, clock, () -> {
            var h = storeHealth;
            return h == null ? null : h.get().status().name();
        }, parts);
        Map<String, Unit> defs = theatre.units().stream().collect(Collectors.toMap(Unit::id, Function.identity()));
        this.feed = new LiveFeed(mapper, registry, SESSION_CAPACITY, defs, ctx -> viewer(Caller.of(ctx)), redactor);
        this.messagesIn = Counter.builder(StatusProbe.EVENTS_IN).tag("adapter", "web")
                .description("Events received by an adapter").register(registry);
        Gauge.builder("shekara.queue.depth", live, LiveState::queueDepth).tag("queue", "live-state")
                .description("Messages waiting to be handled").register(registry);
    }

    /**
     * Authenticates requests against the accounts and tokens of {@code service}; only before
     * {@link #start}. Without it no request has an identity and only the open routes answer.
     */
    public synchronized ApiServer access(AccessService service) {
        if (app != null) {
            throw new IllegalStateException("access must be set before start");
        }
        this.access = Objects.requireNonNull(service, "service");
        return this;
    }

    /**
     * The deployment's sharing rules every viewer is given: the releases made so far, and whether
     * this is an exercise (else exercise data never reaches another agency); only before {@link #start}.
     * By default nothing is released and the deployment is an exercise.
     */
    public synchronized ApiServer sharing(Viewer.Releases releases, boolean exercise) {
        if (app != null) {
            throw new IllegalStateException("sharing must be set before start");
        }
        this.releases = Objects.requireNonNull(releases, "releases");
        this.exerciseDeployment = exercise;
        return this;
    }

    /** Whether this deployment is an exercise (see {@link #sharing}). */
    public boolean exercise() {
        return exerciseDeployment;
    }

    /** Withholds from each viewer what its agency's redactions say. */
    public Redactor redactor() {
        return redactor;
    }

    /** Adds routes another feature registers (alerts, planning); only before {@link #start}. */
    public synchronized ApiServer addRoutes(java.util.function.Consumer<Javalin> routes) {
        if (app != null) {
            throw new IllegalStateException("routes must be added before start");
        }
        extraRoutes.add(Objects.requireNonNull(routes, "routes"));
        return this;
    }

    /**
     * The sectors' postures in force and how each level widens buffers, for {@code /api/v1/zones}
     * (by default the theatre's postures, buffers as drawn).
     */
    public record Postures(java.util.function.Supplier<java.util.Map<String, kz.shekara.theatre.Posture>> inForce,
                           java.util.function.ToDoubleFunction<kz.shekara.theatre.Posture> bufferFactor) {
    }

    /** Serves the live postures and posture-scaled buffers on {@code /api/v1/zones}; only before {@link #start}. */
    public synchronized ApiServer postures(Postures live) {
        if (app != null) {
            throw new IllegalStateException("postures must be set before start");
        }
        this.postures = Objects.requireNonNull(live, "live");
        return this;
    }

    /**
     * Reports the event store on {@code /api/v1/health} (component {@code store}; the server is DOWN,
     * HTTP 503, while the store is) and on the status line; only before {@link #start}.
     */
    public synchronized ApiServer storeHealth(java.util.function.Supplier<StoreHealth> health) {
        if (app != null) {
            throw new IllegalStateException("store health must be set before start");
        }
        this.storeHealth = Objects.requireNonNull(health, "health");
        return this;
    }

    /** Reports {@code part} on {@code /api/v1/health} and the status line from now on (also after {@link #start}). */
    public ApiServer report(ReportedPart part) {
        parts.add(Objects.requireNonNull(part, "part"));
        return this;
    }

    /**
     * Records every state-changing request and every export in the audit trail, and serves it on
     * {@code GET /api/v1/audit} ({@link AuditRoutes}); only before {@link #start}.
     */
    public synchronized ApiServer audit(kz.shekara.server.access.AuditTrail trail) {
        if (app != null) {
            throw new IllegalStateException("the audit trail must be set before start");
        }
        this.audit = Objects.requireNonNull(trail, "trail");
        return this;
    }

    /** Starts listening; returns the bound port (a free one when the configured port is 0). */
    public synchronized int start() {
        if (app != null) {
            throw new IllegalStateException("api server already started");
        }
        ApiErrors errors = new ApiErrors(registry, mapper);
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            // The live feed only sends; what a client may send it is a few words at most.
            cfg.jetty.modifyWebSocketServletFactory(f -> {
                f.setMaxTextMessageSize(WebGuard.MAX_WS_MESSAGE_BYTES);
                f.setMaxBinaryMessageSize(WebGuard.MAX_WS_MESSAGE_BYTES);
            });
            cfg.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(new BodyLimitFilter(
                    config.maxBodyBytes(), () -> errors.count("too-large"))), "/*", EnumSet.of(DispatcherType.REQUEST)));
        });
        WebGuard.install(app);
        // Every request is authenticated and checked against the route policy before any route runs.
        AccessGate.install(app, access, mapper, registry);
        if (audit != null) {
            new AuditRoutes(audit, mapper, registry).register(app);
        }
        if (access != null) {
            new AccountsApi(access, theatre).register(app);
        }
        Banner.install(app);
        // Fixed paths (/units/control) before the read routes' path parameters (/units/{id}): Javalin matches in order.
        extraRoutes.forEach(r -> r.accept(app));
        new ReadRoutes(theatre, live, mapper, this::viewer, postures, redactor).register(app);
        new MessagesRoute(mapper).register(app);
        app.get("/api/v1/health", this::health);
        app.get("/api/v1/status", ctx -> json(ctx, status.sample(feed.sessions())));
        app.get("/api/v1/metrics", this::metrics);
        app.post("/api/v1/messages", this::postMessage);
        app.ws("/api/v1/live", ws -> {
            ws.onConnect(ctx -> feed.connect(ctx, status.sample(feed.sessions() + 1)));
            ws.onClose(ctx -> feed.disconnect(ctx));
            ws.onError(ctx -> feed.disconnect(ctx));
        });
        errors.install(app);
        liveListener = live.listen(feed::publish);
        // Sector postures are no part of the picture's state, but every open map follows them live.
        postureFeed = bus.subscribe(Topic.POSTURE, "web-live.posture", feed::publish);
        // So is operational control: a unit handed to another command is redrawn at once (a transfer that did not
        // take effect, recorded on a cluster after a rival one, is not: the record's rule, as every reader folds it).
        kz.shekara.dispatch.ControlOfRecord shown = new kz.shekara.dispatch.ControlOfRecord(theatre);
        controlFeed = bus.subscribe(Topic.UNIT_CONTROL, "web-live.control", c -> {
            synchronized (shown) {
                if (shown.take(c)) {
                    feed.publish(c);
                }
            }
        });
        app.start(config.host(), config.port());
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("web-status").unstarted(r));
        ticker.scheduleAtFixedRate(() -> feed.status(status.sample(feed.sessions())), 1, 1, TimeUnit.SECONDS);
        LOG.info("web map and API on http://{}:{}/", config.host(), app.port());
        return app.port();
    }

    /** The bound port; only after {@link #start}. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("api server not started");
        }
        return app.port();
    }

    /**
     * Who is asking, as a reader: the caller's agency, clearance, redactions and role under this
     * deployment's sharing rules. Every read is filtered by its {@link Viewer#maySee}.
     */
    public Viewer viewer(Context ctx) {
        return viewer(Caller.of(ctx));
    }

    /** The viewer of an identity under this deployment's sharing rules. */
    public Viewer viewer(Identity id) {
        return Viewer.of(theatre, id.agency(), id.role().id()).sharing(releases, exerciseDeployment, home.agency());
    }

    private void health(Context ctx) {
        ObjectNode o = mapper.createObjectNode();
        o.put("status", "UP");
        ObjectNode c = o.putObject("components");
        c.putObject("http").put("status", "UP").put("port", app.port());
        c.putObject("theatre").put("status", "UP").put("name", theatre.name())
                .put("zones", theatre.zones().size()).put("sensors", theatre.sensors().size())
                .put("units", theatre.units().size());
        ObjectNode l = c.putObject("live").put("status", "UP").put("events", live.eventCount())
                .put("queueDepth", live.queueDepth());
        l.put("latestEventTime", live.latestEventTime().map(Object::toString).orElse(null));
        c.putObject("liveFeed").put("status", "UP").put("sessions", feed.sessions()).put("queueDepth", feed.queueDepth());
        var store = storeHealth;
        if (store != null) {
            StoreHealth s = store.get();
            c.putObject("store").put("status", s.status().name()).put("store", s.store()).put("detail", s.detail())
                    .put("failures", s.failures());
            if (!s.up()) {
                o.put("status", "DOWN");
                ctx.status(503);
            }
        }
        for (ReportedPart p : parts) {
            c.set(p.name(), p.health());
            if (p.failing()) {
                o.put("status", "DOWN");
                ctx.status(503);
            }
        }
        json(ctx, o);
    }

    private void metrics(Context ctx) {
        bindBusQueueGauges();
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    /** Registers a queue-depth gauge for each bus subscriber group not yet seen (in-memory bus only). */
    private void bindBusQueueGauges() {
        if (bus instanceof InMemoryBus b) {
            b.subscriptions().stream().map(Bus.Subscription::group).distinct().forEach(group ->
                    Gauge.builder("shekara.bus.queue.depth", b, x -> x.subscriptions().stream()
                                    .filter(s -> s.group().equals(group)).mapToInt(Bus.Subscription::queueDepth).sum())
                            .tag("group", group).description("Bus events queued for a subscriber group")
                            .strongReference(true).register(registry));
        }
    }

    private void postMessage(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "unsupported-media-type", "send the message as application/json");
        }
        ChatMessage m = MessagePost.decode(mapper, ctx.bodyAsBytes(), clock.instant(), theatre.defaultMarking(),
                Caller.of(ctx).name());
        bus.publish(Topic.MESSAGES, m.chatroom(), m);
        messagesIn.increment();
        ctx.status(202);
        json(ctx, EventJson.message(m));
    }

    private void json(Context ctx, JsonNode node) {
        try {
            ctx.contentType("application/json").result(mapper.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (liveListener != null) {
            try {
                liveListener.close();
            } catch (Exception e) {
                LOG.debug("closing live listener", e);
            }
        }
        if (postureFeed != null) {
            postureFeed.close();
        }
        if (controlFeed != null) {
            controlFeed.close();
        }
        feed.close();
        if (app != null) {
            app.stop();
        }
    }
}

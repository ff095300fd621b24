package kz.shekara.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.ControlChange;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Redaction;
import java.util.HashMap;
import java.util.Set;
import kz.shekara.theatre.Unit;

/**
 * The WebSocket live feed: pushes every change of the live picture to each connected browser as a
 * frame holding a JSON array of messages {@code {"type": "unit"|"detection"|"track"|"message"|"posture"|"status", ...}}.
 *
 * <p>Overload policy, per session: a bounded queue of {@code capacity} pending messages; a newer
 * position of the same unit, update of the same track, or status replaces the pending one in place;
 * when the queue is full a new detection is dropped (counted in {@code shekara.web.dropped}) and any
 * other message closes the session (code 1013), after which the browser reloads the picture over
 * REST. The bus thread only enqueues: a slow browser never blocks it. Each session has one virtual
 * thread that sends. Thread-safe.
 */
final class LiveFeed {
    private static final int TRY_AGAIN_LATER = 1013;

    private final ObjectMapper mapper;
    private final int capacity;
    private final Function<WsContext, Viewer> viewers;
    private final Redactor redactor;
    private final Map<String, Unit> unitDefs;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter droppedDetections;
    private final Counter overflowClosed;

    LiveFeed(ObjectMapper mapper, MeterRegistry registry, int capacity, Map<String, Unit> unitDefs,
             Function<WsContext, Viewer> viewers, Redactor redactor) {
        this.redactor = redactor;
        this.mapper = mapper;
        this.unitDefs = Map.copyOf(unitDefs);
        this.capacity = capacity;
        this.viewers = viewers;
        this.sent = Counter.builder(StatusProbe.EVENTS_OUT).tag("adapter", "web")
                .description("Events sent by an adapter").register(registry);
        this.droppedDetections = Counter.builder("shekara.web.dropped").tag("reason", "detection-queue-full")
                .description("Live-feed messages dropped for a slow browser").register(registry);
        this.overflowClosed = Counter.builder("shekara.web.dropped").tag("reason", "session-overflow")
                .description("Live-feed messages dropped for a slow browser").register(registry);
        Gauge.builder("shekara.web.sessions", sessions, Map::size).description("Open live-feed WebSocket sessions")
                .register(registry);
        Gauge.builder("shekara.queue.depth", this, LiveFeed::queueDepth).tag("queue", "web-live-feed")
                .description("Messages waiting to be handled").register(registry);
    }

    void connect(WsContext ctx, ObjectNode initialStatus) {
        Session s = new Session(ctx, viewers.apply(ctx));
        sessions.put(ctx.sessionId(), s);
        s.offer("status", initialStatus);
        Thread.ofVirtual().name("web-live-" + ctx.sessionId()).start(s::run);
    }

    void disconnect(WsContext ctx) {
        Session s = sessions.remove(ctx.sessionId());
        if (s != null) {
            s.stop();
        }
    }

    int sessions() {
        return sessions.size();
    }

    int queueDepth() {
        return sessions.values().stream().mapToInt(Session::size).sum();
    }

    /**
     * Called on the bus thread after the event is in the live picture. Never blocks on a browser.
     * Each session gets the event only if its viewer may see it, redacted for its agency (the
     * message is built once per distinct set of redactions).
     */
    void publish(DomainEvent event) {
        if (sessions.isEmpty()) {
            return;
        }
        Map<Set<Redaction>, Message> built = new HashMap<>(2);
        for (Session s : sessions.values()) {
            if (s.viewer.maySee(event)) {
                Message m = built.computeIfAbsent(s.viewer.redact(), r -> message(redactor.apply(s.viewer, event)));
                if (m == null) {
                    return;
                }
                s.offer(m.key(), m.json());
            }
        }
    }

    private record Message(String key, ObjectNode json) {
    }

    /** The message of an event the live feed carries, keyed when a newer one replaces it; null for others. */
    private Message message(DomainEvent event) {
        return switch (event) {
            case UnitPosition p -> new Message("unit:" + p.unit(),
                    EventJson.unit(p.unit(), unitDefs.get(p.unit()), p, p.marking()).put("type", "unit"));
            case TrackUpdate t -> new Message("track:" + t.track(), EventJson.track(t).put("type", "track"));
            case Detection d -> new Message(null, EventJson.detection(d).put("type", "detection"));
            case ChatMessage m -> new Message(null, EventJson.message(m).put("type", "message"));
            case ControlChange c -> new Message("control:" + c.unit(), mapper.createObjectNode().put("type", "control")
                    .put("unit", c.unit()).put("command", c.command()).put("by", c.by()).put("reason", c.reason())
                    .put("time", c.time().toString()).put("crisis", c.crisis()));
            case PostureChange c -> new Message("posture:" + c.sector(),
                    SectorsApi.change(mapper.createObjectNode().put("type", "posture"), c));
            default -> null;
        };
    }

    /** Sends a status message to every session, replacing a pending one. */
    void status(ObjectNode status) {
        sessions.values().forEach(s -> s.offer("status", status));
    }

    void close() {
        sessions.values().forEach(s -> {
            s.stop();
            s.ctx.closeSession();
        });
        sessions.clear();
    }

    private final class Session {
        private final WsContext ctx;
        private final Viewer viewer;
        private final LinkedHashMap<String, ObjectNode> pending = new LinkedHashMap<>();
        private final AtomicLong seq = new AtomicLong();
        private boolean stopped;

        Session(WsContext ctx, Viewer viewer) {
            this.ctx = ctx;
            this.viewer = viewer;
        }

        synchronized int size() {
            return pending.size();
        }

        void offer(String key, ObjectNode json) {
            boolean overflow = false;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                String k = key != null ? key : "#" + seq.incrementAndGet();
                if (pending.size() >= capacity && !pending.containsKey(k)) {
                    if ("detection".equals(json.path("type").asText())) {
                        droppedDetections.increment();
                        return;
                    }
                    overflow = true;
                    stopped = true;
                    pending.clear();
                } else {
                    pending.put(k, json);
                }
                notifyAll();
            }
            if (overflow) {
                overflowClosed.increment();
                sessions.remove(ctx.sessionId());
                ctx.closeSession(TRY_AGAIN_LATER, "live feed overflow: reload the picture");
            }
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        void run() {
            try {
                while (true) {
                    ArrayNode batch = mapper.createArrayNode();
                    synchronized (this) {
                        while (pending.isEmpty() && !stopped) {
                            wait();
                        }
                        if (stopped) {
                            return;
                        }
                        pending.values().forEach(batch::add);
                        pending.clear();
                    }
                    ctx.send(mapper.writeValueAsString(batch));
                    sent.increment(batch.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // The browser went away or the socket broke: it reconnects and reloads over REST.
                disconnect(ctx);
            }
        }
    }
}

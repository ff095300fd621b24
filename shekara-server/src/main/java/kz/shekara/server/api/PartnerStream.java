package kz.shekara.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Redaction;

/**
 * The live side of partner feeds ({@code /api/v1/feeds/{agency}/live}): every track update, unit
 * position, alert and incident event, as one GeoJSON feature per WebSocket text message, to each
 * session whose viewer (its upgrade request's caller, fixed for the session) may see it, redacted
 * for its agency. The bus threads only enqueue; each session has a virtual thread that sends, and a
 * session that falls {@value #CAPACITY} messages behind is closed (1013) and should reload the feed
 * over REST. Thread-safe.
 */
public final class PartnerStream implements AutoCloseable {
    static final int CAPACITY = 4096;
    private static final int TRY_AGAIN_LATER = 1013;
    private final Function<WsContext, Viewer> viewers;
    private final Redactor redactor;
    private final FeedJson json = new FeedJson();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Bus.Subscription> subscriptions;

    /** @param viewers the reader of a session, from its upgrade request's caller */
    public PartnerStream(Bus bus, Function<WsContext, Viewer> viewers, Redactor redactor) {
        this.viewers = viewers;
        this.redactor = redactor;
        this.subscriptions = List.of(bus.subscribe(Topic.TRACKS, "partner-feed.tracks", this::publish),
                bus.subscribe(Topic.UNIT_POSITIONS, "partner-feed.units", this::publish),
                bus.subscribe(Topic.ALERTS, "partner-feed.alerts", this::publish),
                bus.subscribe(Topic.INCIDENTS, "partner-feed.incidents", this::publish));
    }

    FeedJson json() {
        return json;
    }

    void connect(WsContext ctx) {
        Session s = new Session(ctx, viewers.apply(ctx));
        sessions.put(ctx.sessionId(), s);
        Thread.ofVirtual().name("partner-feed-" + ctx.sessionId()).start(s::run);
    }

    void disconnect(WsContext ctx) {
        Session s = sessions.remove(ctx.sessionId());
        if (s != null) {
            s.stop();
        }
    }

    /** Open sessions. */
    public int sessions() {
        return sessions.size();
    }

    /** Offers an event to every session that may see it (built once per distinct set of redactions). */
    void publish(DomainEvent event) {
        if (sessions.isEmpty()) {
            return;
        }
        Map<Set<Redaction>, String> built = new HashMap<>(2);
        for (Session s : sessions.values()) {
            if (s.viewer.maySee(event)) {
                String text = built.computeIfAbsent(s.viewer.redact(), r -> {
                    ObjectNode f = json.feature(redactor.apply(s.viewer, event));
                    return f == null ? null : f.toString();
                });
                if (text != null) {
                    s.offer(text);
                }
            }
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(Bus.Subscription::close);
        sessions.values().forEach(s -> {
            s.stop();
            s.ctx.closeSession();
        });
        sessions.clear();
    }

    private final class Session {
        private final WsContext ctx;
        private final Viewer viewer;
        private final ArrayDeque<String> pending = new ArrayDeque<>();
        private boolean stopped;

        Session(WsContext ctx, Viewer viewer) {
            this.ctx = ctx;
            this.viewer = viewer;
        }

        void offer(String text) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (pending.size() < CAPACITY) {
                    pending.add(text);
                    notifyAll();
                    return;
                }
                stopped = true;
                pending.clear();
                notifyAll();
            }
            sessions.remove(ctx.sessionId());
            ctx.closeSession(TRY_AGAIN_LATER, "feed overflow: reload it");
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        void run() {
            try {
                while (true) {
                    String next;
                    synchronized (this) {
                        while (pending.isEmpty() && !stopped) {
                            wait();
                        }
                        if (stopped) {
                            return;
                        }
                        next = pending.poll();
                    }
                    ctx.send(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                disconnect(ctx);
            }
        }
    }
}

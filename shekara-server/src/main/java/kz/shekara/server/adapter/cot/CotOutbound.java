package kz.shekara.server.adapter.cot;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import kz.shekara.dispatch.UnitStatuses;
import kz.shekara.model.Task;
import kz.shekara.model.Alert;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.Release;
import kz.shekara.server.adapter.cot.CotTaskDelivery.Sender;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Redaction;

/**
 * The bus's own events to TAK clients as CoT: units, tracks, alerts (each client in its crew's
 * language) and messages to every client they may be released to, raw sensor detections only to
 * clients of the configured {@code rawDetectionGroups}; never what came from a client here (relayed
 * already). Releasable means to the server's agency when one is configured and to the client's
 * certificate agency on TLS; once {@link #viewers} is set, it means the full marking rule for the
 * client's agency (see {@link CotServer#viewers}), and what its agency's redactions withhold is
 * withheld (a partner device sees units by kind and no sensor), each event encoded once per distinct
 * set of redactions. Units' positions are kept as latest SA. Thread-safe.
 */
final class CotOutbound {
    private final CotServerConfig config;
    private final CotMapping mapping;
    private final CotEncoder encoder;
    private final List<CotConnection> connections;
    private final Set<String> clientUids;
    private final LatestSa latest;
    private final Sender sender;
    private final Clock clock;
    /** Units go out with the status their task gives them, not the one their device last claimed. */
    private final UnitStatuses statuses = new UnitStatuses();
    private volatile Function<String, String> crewLanguage = uid -> null;
    private volatile String defaultLanguage = "en";
    private volatile Function<String, Viewer> viewerOfAgency;
    private volatile String anonymousAgency;
    private volatile Redactor redactor;
    private final Map<String, Viewer> viewers = new java.util.concurrent.ConcurrentHashMap<>();

    CotOutbound(CotServerConfig config, CotMapping mapping, CotEncoder encoder, List<CotConnection> connections,
                Set<String> clientUids, LatestSa latest, Sender sender, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clientUids = Objects.requireNonNull(clientUids, "clientUids");
        this.latest = Objects.requireNonNull(latest, "latest");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void alertLanguages(Function<String, String> crewLanguage, String defaultLanguage) {
        this.crewLanguage = Objects.requireNonNull(crewLanguage, "crewLanguage");
        this.defaultLanguage = Objects.requireNonNull(defaultLanguage, "defaultLanguage");
    }

    void viewers(String anonymousAgency, Function<String, Viewer> viewerOfAgency, Redactor redactor) {
        this.anonymousAgency = Objects.requireNonNull(anonymousAgency, "anonymousAgency");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.viewerOfAgency = Objects.requireNonNull(viewerOfAgency, "viewerOfAgency");
    }

    /** The viewer of {@code c}'s agency, or null before {@link #viewers} is set. */
    private Viewer viewerOf(CotConnection c) {
        Function<String, Viewer> of = viewerOfAgency;
        return of == null ? null : viewers.computeIfAbsent(c.agency() == null ? anonymousAgency : c.agency(), of);
    }

    /** What {@code c}'s agency has withheld from it. */
    private Set<Redaction> redactionsOf(CotConnection c) {
        Viewer v = viewerOf(c);
        return v == null ? Set.of() : v.redact();
    }

    /** {@code event} encoded as {@code c} may have it, built once per set of redactions in {@code built}. */
    private byte[] bytesFor(CotConnection c, DomainEvent event, Function<DomainEvent, byte[]> encode,
                            Map<Set<Redaction>, byte[]> built) {
        Set<Redaction> r = redactionsOf(c);
        return built.computeIfAbsent(r, k -> encode.apply(k.isEmpty() ? event : redactor.apply(viewerOf(c), event)));
    }

    /** A unit's latest position as {@code c} may have it (a device's own SA as it was sent). */
    byte[] latestFor(CotConnection c, LatestSa.Entry e) {
        if (e.unit() == null || redactionsOf(c).isEmpty()) {
            return e.bytes();
        }
        return encoder.encode(mapping.toCot(redactor.apply(viewerOf(c), e.unit())));
    }

    /** True when an event under {@code m} may go to {@code c}. */
    boolean releasable(CotConnection c, Marking m) {
        return releasable(c, m, null);
    }

    /** True when an event under {@code m}, an update of {@code subject} (null: none), may go to {@code c}. */
    private boolean releasable(CotConnection c, Marking m, Release.Subject subject) {
        if (config.agency() != null && !m.releasableTo(config.agency())) {
            return false;
        }
        Function<String, Viewer> of = viewerOfAgency;
        if (of == null) {
            return c.agency() == null || m.releasableTo(c.agency());
        }
        return viewerOf(c).maySee(m, subject);
    }

    private boolean releasable(CotConnection c, DomainEvent e) {
        return releasable(c, e.marking(), Release.subjectOf(e).orElse(null));
    }

    /** A task step: the status its unit goes out with from now on. */
    void task(Task t) {
        statuses.onTask(t);
    }

    /** One bus event to the clients that may have it. */
    void event(DomainEvent event) {
        Marking m = event.marking();
        switch (event) {
            case UnitPosition p -> {
                if (!clientUids.contains(p.unit())) {
                    UnitPosition shown = statuses.overlay(p);
                    CotEvent cot = mapping.toCot(shown);
                    byte[] bytes = encoder.encode(cot);
                    latest.fromServer(shown, bytes, clock.instant().plus(Duration.between(cot.time(), cot.stale())));
                    Map<Set<Redaction>, byte[]> built = new HashMap<>(Map.of(Set.of(), bytes));
                    send(shown, e -> encoder.encode(mapping.toCot((UnitPosition) e)), built, p.unit(),
                            c -> releasable(c, m));
                }
            }
            case Detection d -> {
                if (!clientUids.contains(d.sensor())) {
                    send(d, e -> encoder.encode(mapping.toCot((Detection) e)), new HashMap<>(2),
                            "shekara.detection." + d.sensor(),
                            c -> releasable(c, m) && c.sharesGroup(config.rawDetectionGroups()));
                }
            }
            case TrackUpdate t -> {
                send(t, e -> encoder.encode(mapping.toCot((TrackUpdate) e)), new HashMap<>(2), t.track(),
                        c -> releasable(c, t));
                if (t.status() == TrackStatus.DELETED) {
                    // Stale at once under the track's key (it replaces a queued position), then the delete.
                    send(t, e -> encoder.encode(mapping.trackDelete((TrackUpdate) e)), new HashMap<>(2), null,
                            c -> releasable(c, t));
                }
            }
            case ChatMessage msg -> {
                if (!clientUids.contains(msg.senderUid())) {
                    send(msg, e -> encoder.encode(mapping.toCot((ChatMessage) e)), new HashMap<>(2), null,
                            c -> releasable(c, m));
                }
            }
            case Alert a -> alert(a);
            default -> {
            }
        }
    }

    /** An alert to every client that may have it, each in its crew's language (encoded once per language and redactions). */
    private void alert(Alert a) {
        Map<String, Map<Set<Redaction>, byte[]>> byLanguage = new HashMap<>();
        for (CotConnection c : connections) {
            if (releasable(c, a)) {
                String lang = languageOf(c);
                sender.send(c, bytesFor(c, a, e -> encoder.encode(AlertCot.toCot((Alert) e, lang)),
                        byLanguage.computeIfAbsent(lang, l -> new HashMap<>(2))), null);
            }
        }
    }

    private String languageOf(CotConnection c) {
        String lang = c.uid() == null ? null : crewLanguage.apply(c.uid());
        return lang == null ? defaultLanguage : lang;
    }

    private void send(DomainEvent event, Function<DomainEvent, byte[]> encode, Map<Set<Redaction>, byte[]> built,
                      String key, Predicate<CotConnection> to) {
        for (CotConnection c : connections) {
            if (to.test(c)) {
                sender.send(c, bytesFor(c, event, encode, built), key);
            }
        }
    }
}

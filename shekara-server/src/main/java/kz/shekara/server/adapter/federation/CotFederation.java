package kz.shekara.server.adapter.federation;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import kz.shekara.incident.AlertBook;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.access.AuditSink;
import kz.shekara.server.adapter.cot.CotMapping;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.FederationConfig;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.Viewer;

/**
 * The outbound CoT feeds to partners' TAK servers, one {@link FederationLink} per configured partner:
 * each streams over TLS, as CoT XML, exactly what that partner agency's {@link Viewer} may see of the
 * tracks, unit positions and alerts on the bus (the marking rule, releases, the exercise rule) with
 * its redactions applied — what its partner feed carries — starting from the latest state at every
 * connection. Bus handlers only encode and enqueue. Thread-safe; close once.
 */
public final class CotFederation implements AutoCloseable {
    private final List<FederationLink> links = new ArrayList<>();
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();

    /**
     * Reads each partner's certificate and truststore now (an {@link IOException} naming the file that
     * cannot be used); nothing connects before {@link #start}.
     *
     * @param viewers  the reader of an agency under the deployment's sharing rules
     * @param alerts   the alert book's entries now (for the latest state)
     * @param audit    where connects and disconnects are recorded
     */
    public CotFederation(FederationConfig config, Function<String, Viewer> viewers, Redactor redactor,
                         CotMapping mapping, LiveState live, Supplier<List<AlertBook.Entry>> alerts, AuditSink audit,
                         MeterRegistry meters) throws IOException {
        Objects.requireNonNull(viewers, "viewers");
        for (FederationConfig.Partner p : config.partners()) {
            try {
                links.add(new FederationLink(p, FederationTls.context(p).getSocketFactory(),
                        new PartnerCot(viewers.apply(p.agency()), redactor, mapping, live, alerts), audit, meters));
            } catch (GeneralSecurityException e) {
                throw new IOException("federation to " + p.agency() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Subscribes to the bus and starts connecting to every partner. */
    public synchronized CotFederation start(Bus bus) {
        if (links.isEmpty() || !subscriptions.isEmpty()) {
            return this;
        }
        subscriptions.add(bus.subscribeInOrder(Topic.TRACKS, "federation.tracks", this::publish));
        subscriptions.add(bus.subscribeInOrder(Topic.UNIT_POSITIONS, "federation.units", this::publish));
        subscriptions.add(bus.subscribeInOrder(Topic.ALERTS, "federation.alerts", this::publish));
        links.forEach(FederationLink::start);
        return this;
    }

    /** The partners configured. */
    public int partners() {
        return links.size();
    }

    /** The partners connected now. */
    public long connected() {
        return links.stream().filter(FederationLink::connected).count();
    }

    private void publish(DomainEvent event) {
        for (FederationLink l : links) {
            l.offer(event);
        }
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(Bus.Subscription::close);
        subscriptions.clear();
        links.forEach(FederationLink::close);
    }
}

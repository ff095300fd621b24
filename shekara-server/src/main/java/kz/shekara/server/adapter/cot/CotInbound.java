package kz.shekara.server.adapter.cot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.server.adapter.DecodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the CoT server does with an event a client (or UDP) sent: checks the uid it speaks for
 * ({@link UidOwners}), answers pings and protocol queries, places it on the server's clock
 * ({@link DeviceTimes}), relays it to the clients sharing one of the sender's groups (never back to
 * the sender; {@code marti/dest} narrows it; emergencies go to the whole group and repeat), and only
 * then hands its domain event to the bus ({@link CotPublisher}), so nothing relayed waits for the
 * log's commit. Its {@link #handler()} takes the connections' callbacks. Thread-safe.
 */
final class CotInbound {
    private static final Logger LOG = LoggerFactory.getLogger(CotInbound.class);
    private static final Set<String> ANONYMOUS = CotConnection.ANONYMOUS_GROUPS;

    /** The parts of the server the inbound path reads and writes. */
    record Parts(CotServerConfig config, MeterRegistry registry, Clock clock, Marking defaultMarking,
                 CotPublisher publisher, CotMapping mapping, CotEncoder encoder, CotControl control,
                 CotTaskDelivery tasks, LatestSa latest, EmergencyRepeater emergencies, CotAdmission admission,
                 List<CotConnection> connections, CotTaskDelivery.Sender sender) {
    }

    private final Parts p;
    private final DeviceTimes times;
    private final DeviceUids deviceUids = new DeviceUids();
    private final UidOwners owners = new UidOwners(deviceUids);
    private final Counter eventsIn;
    private final Counter eventsOut;
    private final Semaphore udpUnlogged = CotPublisher.window();
    private final Handler handler = new Handler();
    private final BooleanSupplier closed;
    private volatile BooleanSupplier storeUp = () -> true;

    /** @param closed whether the server is closing (then frames are dropped) */
    CotInbound(Parts parts, String adapter, BooleanSupplier closed) {
        this.p = Objects.requireNonNull(parts, "parts");
        this.closed = Objects.requireNonNull(closed, "closed");
        this.times = new DeviceTimes(p.config().maxClockSkew(), p.config().limits().refuseAhead());
        eventsIn = Counter.builder("shekara.adapter.events.in").tag("adapter", adapter)
                .description("CoT events accepted from clients").register(p.registry());
        eventsOut = Counter.builder("shekara.adapter.events.out").tag("adapter", adapter)
                .description("CoT events written to clients").register(p.registry());
    }

    CotConnection.Handler handler() {
        return handler;
    }

    DeviceUids deviceUids() {
        return deviceUids;
    }

    void storeHealth(BooleanSupplier up) {
        this.storeUp = Objects.requireNonNull(up, "up");
    }

    /** Handles a decoded event from a client (or UDP when {@code from} is null). */
    private void inbound(CotConnection from, CotEvent e, byte[] raw) throws DecodeException {
        MeterRegistry registry = p.registry();
        if (from != null && owners.claim(from, e,
                () -> registry.counter("shekara.cot.notices", "reason", "uid-conflict").increment())) {
            p.tasks().identified(from);
        }
        if (CotControl.isPing(e) || CotControl.isProtocolQuery(e)) {
            eventsIn.increment();
            if (from != null && (CotControl.isPing(e) || CotControl.PROTOCOL_QUERY.equals(e.type()))) {
                from.send(p.encoder().encode(p.control().answer(e)), null);
                if (CotControl.asksForVersion1(e) && !from.speaksV1()) {
                    from.switchToV1();
                }
            }
            return;
        }
        Instant received = p.clock().instant();
        DeviceTimes.Placement placed = times.place(e, received);
        if (placed.aheadRefused()) {
            throw new DecodeException("time-ahead", "event time " + e.time() + " is ahead of the server's " + received);
        }
        if (placed.skewed()) {
            String reason = e.time().isAfter(received) ? "time-ahead" : "clock-skew";
            registry.counter("shekara.cot.notices", "reason", reason).increment();
        }
        if (placed.outOfOrder()) {
            registry.counter("shekara.cot.notices", "reason", "out-of-order").increment();
            return;
        }
        DomainEvent domain = p.mapping().toDomain(placed.event(), from == null ? null : from.uid(), p.defaultMarking());
        if (domain != null && !storeUp.getAsBoolean()) {
            throw new DecodeException("store-unavailable", "the event store is down: neither stored nor relayed");
        }
        eventsIn.increment();
        relay(from, placed.event(), raw);
        if (domain != null) { // relayed already: nobody here waits for the log's commit
            p.publisher().publish(domain, e.lat(), e.lon(), from == null ? udpUnlogged : from.unlogged());
        }
    }

    private void relay(CotConnection from, CotEvent e, byte[] raw) {
        CotDetail d = e.detail();
        Set<String> groups = from == null ? ANONYMOUS : from.groups();
        boolean emergency = EmergencyRepeater.isEmergency(e);
        String key = e.type().startsWith("a-") || emergency ? e.uid() : null;
        if (e.type().startsWith("a-f") && (from == null || e.uid().equals(from.uid()))) {
            p.latest().fromClient(e.uid(), raw, groups, e.stale());
        }
        String uid = e.uid();
        boolean addressed = !emergency && d.hasDestinations();
        for (CotConnection c : p.connections()) { // the same bytes to every recipient: encoded by nobody
            if (c == from || !c.sharesGroup(groups) || uid.equals(c.uid())) {
                continue;
            }
            if (addressed && !d.destCallsigns().contains(c.callsign()) && !d.destUids().contains(c.uid())) {
                continue;
            }
            p.sender().send(c, raw, key);
        }
        if (emergency) {
            p.emergencies().received(e, raw, groups, from);
        }
    }

    /** Counts and logs input refused with a reason; the connection stays. */
    void reject(DecodeException e) {
        p.registry().counter("shekara.adapter.rejections", "adapter", "cot", "reason", e.reason()).increment();
        LOG.debug("CoT event rejected ({}): {}", e.reason(), e.getMessage());
    }

    /** Callbacks from connections: frames, oversized input, writes, disconnects. */
    private final class Handler implements CotConnection.Handler {
        @Override
        public void frame(CotConnection from, CotDecoder decoder, byte[] buf, int off, int len) {
            if (closed.getAsBoolean()) {
                return;
            }
            try {
                CotEvent e = decoder.decode(buf, off, len);
                inbound(from, e, Arrays.copyOfRange(buf, off, off + len));
            } catch (DecodeException e) {
                reject(e);
            } catch (RuntimeException e) {
                // A failure past decoding (the bus shutting down, say) loses this event, not the connection.
                if (!closed.getAsBoolean()) {
                    LOG.warn("CoT event from {} not handled: {}", from, e.toString());
                }
            }
        }

        @Override
        public void oversized(CotConnection from, long bytes) {
            reject(new DecodeException("oversized", "event of " + bytes + " bytes exceeds "
                    + p.config().maxEventBytes()));
        }

        @Override
        public void rejected(CotConnection from, DecodeException e) {
            reject(e);
        }

        @Override
        public void written(int events) {
            eventsOut.increment(events);
        }

        @Override
        public void closed(CotConnection c) {
            p.connections().remove(c);
            owners.release(c);
            p.admission().left(c.socket());
        }
    }
}

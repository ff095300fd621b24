package kz.shekara.server.adapter.cot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import kz.shekara.dispatch.UnitStatuses;
import kz.shekara.model.Alert;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.Task;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.adapter.DecodeException;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TAK streaming server for situational awareness on plain TCP (default 8087), with optional UDP
 * SA input. It relays every accepted event to the other clients sharing the sender's
 * {@code __group} (never back to the sender; {@code marti/dest} narrows it), answers pings
 * (t-x-c-t) and TAK protocol queries (only version 0, XML), publishes what it accepts on the bus
 * (UNIT_POSITIONS, MESSAGES, OBSERVATIONS, keyed by the sector key of the position), and sends the
 * bus's own units, detections, tracks and messages to every client as CoT — except those that came
 * from its clients, which it has relayed already. With {@link #deliverTasks} it sends each unit's
 * task (waypoint and order, see {@link TaskCot}) to the connected device whose uid is the unit's
 * only, and again when that device connects later. Rejected input is counted per reason and the
 * connection stays. Thread-safe; one virtual-thread reader and writer per client.
 */
public final class CotServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CotServer.class);
    private static final String ADAPTER = "cot";

    private final CotServerConfig config;
    private final Bus bus;
    private final Marking defaultMarking;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Function<double[], String> sectorKey;
    private final CotMapping mapping;
    /** Units go out with the status their task gives them, not the one their device last claimed. */
    private final UnitStatuses statuses = new UnitStatuses();
    private final CotEncoder encoder = new CotEncoder();
    private final CotControl control;
    private final List<CotConnection> connections = new CopyOnWriteArrayList<>();
    private final Set<String> clientUids = ConcurrentHashMap.newKeySet();
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();
    private final Counter eventsIn;
    private final Counter eventsOut;
    private final Counter slowClients;
    private final Handler handler = new Handler();
    private final CotTaskDelivery tasks;
    private volatile Function<String, String> crewLanguage = uid -> null;
    private volatile String defaultLanguage = "en";
    private volatile ServerSocket serverSocket;
    private volatile DatagramSocket udpSocket;
    private volatile boolean closed;

    /** With every event keyed "default" on the bus. */
    public CotServer(CotServerConfig config, Bus bus, Marking defaultMarking, MeterRegistry registry, Clock clock) {
        this(config, bus, defaultMarking, registry, clock, latLon -> "default");
    }

    /**
     * @param sectorKey gives the bus partition key (the border sector) of a position {lat, lon} in degrees
     */
    public CotServer(CotServerConfig config, Bus bus, Marking defaultMarking, MeterRegistry registry, Clock clock,
                     Function<double[], String> sectorKey) {
        this.config = Objects.requireNonNull(config, "config");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.defaultMarking = Objects.requireNonNull(defaultMarking, "defaultMarking");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sectorKey = Objects.requireNonNull(sectorKey, "sectorKey");
        this.mapping = new CotMapping(config.validity(), config.defaultSigmaM());
        this.control = new CotControl(clock);
        this.tasks = new CotTaskDelivery(config.agency(), encoder, connections, this::send);
        eventsIn = Counter.builder("shekara.adapter.events.in").tag("adapter", ADAPTER)
                .description("CoT events accepted from clients").register(registry);
        eventsOut = Counter.builder("shekara.adapter.events.out").tag("adapter", ADAPTER)
                .description("CoT events written to clients").register(registry);
        slowClients = Counter.builder("shekara.cot.slow.clients")
                .description("CoT clients disconnected because their queue stayed full").register(registry);
        Gauge.builder("shekara.cot.clients", connections, List::size)
                .description("connected CoT streaming clients").register(registry);
    }

    /** Binds the port(s), subscribes to the bus and starts accepting; returns the bound TCP port. */
    public synchronized int start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(config.bindHost(), config.port()), 1024);
        serverSocket = ss;
        if (config.udpPort() >= 0) {
            udpSocket = new DatagramSocket(new InetSocketAddress(config.bindHost(), config.udpPort()));
            Thread.ofPlatform().daemon().name("cot-udp").start(new UdpSaInput(udpSocket, config.maxEventBytes(), handler, this::reject));
        }
        subscriptions.add(bus.subscribe(Topic.TASKS, "cot-unit-status", statuses::onTask));
        subscriptions.add(bus.subscribe(Topic.UNIT_POSITIONS, "cot-out", this::outbound));
        subscriptions.add(bus.subscribe(Topic.OBSERVATIONS, "cot-out", this::outbound));
        subscriptions.add(bus.subscribe(Topic.TRACKS, "cot-out", this::outbound));
        subscriptions.add(bus.subscribe(Topic.MESSAGES, "cot-out", this::outbound));
        subscriptions.add(bus.subscribe(Topic.ALERTS, "cot-out", this::outbound));
        Thread.ofPlatform().daemon().name("cot-accept").start(this::accept);
        LOG.info("CoT streaming server on {}:{}{}", config.bindHost(), ss.getLocalPort(),
                udpSocket == null ? "" : ", UDP SA on " + udpSocket.getLocalPort());
        return ss.getLocalPort();
    }

    /**
     * Sends units their tasks from {@link Topic#TASKS}: each step's waypoint, and the order when a
     * step carries one, to the device connected under the unit's uid only; an ended task's waypoint
     * is deleted. Call once, after {@link #start}.
     */
    public synchronized void deliverTasks(TaskCot cot) {
        tasks.deliverWith(cot);
        subscriptions.add(bus.subscribe(Topic.TASKS, "cot-tasks", tasks::task));
    }

    /**
     * Takes back the tasks rebuilt from the log at start ({@code steps}: each active task's latest
     * step; {@code orders}: its latest step with an order), sending nothing now: a device that
     * connects under a tasked unit's uid gets its task as after any reconnect. Call before
     * {@link #deliverTasks}.
     */
    public void restoreTasks(List<Task> steps, List<Task> orders) {
        tasks.restore(steps, orders);
    }

    /** Writes one event to every connected client whose uid is {@code uid}; returns how many there were. */
    public int sendTo(String uid, CotEvent event) {
        return tasks.sendTo(uid, event);
    }

    /**
     * Sends each client its alerts' sentences in its crew's language: {@code crewLanguage} gives the
     * language (kk, ru, en) of the unit whose uid a device uses, or null when not known; other
     * devices (and those not yet identified) get {@code defaultLanguage}.
     */
    public void alertLanguages(Function<String, String> crewLanguage, String defaultLanguage) {
        this.crewLanguage = Objects.requireNonNull(crewLanguage, "crewLanguage");
        this.defaultLanguage = Objects.requireNonNull(defaultLanguage, "defaultLanguage");
    }

    private String languageOf(CotConnection c) {
        String lang = c.uid() == null ? null : crewLanguage.apply(c.uid());
        return lang == null ? defaultLanguage : lang;
    }

    /** An alert to every client, each in its crew's language (each language encoded once). */
    private void alert(Alert a) {
        Map<String, byte[]> byLanguage = new java.util.HashMap<>();
        for (CotConnection c : connections) {
            send(c, byLanguage.computeIfAbsent(languageOf(c), l -> encoder.encode(AlertCot.toCot(a, l))), null);
        }
    }

    /** The bound TCP port, or -1 before {@link #start}. */
    public int port() {
        ServerSocket ss = serverSocket;
        return ss == null ? -1 : ss.getLocalPort();
    }

    /** The bound UDP SA port, or -1 when UDP input is off or not started. */
    public int udpPort() {
        DatagramSocket s = udpSocket;
        return s == null ? -1 : s.getLocalPort();
    }

    /** The clients connected now, in connection order. */
    public List<ConnectedClient> connectedClients() {
        return connections.stream().map(CotConnection::snapshot).toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        subscriptions.forEach(Bus.Subscription::close);
        subscriptions.clear();
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException ignored) {
            // shutting down
        }
        if (udpSocket != null) {
            udpSocket.close();
        }
        connections.forEach(CotConnection::close);
    }

    private void accept() {
        ServerSocket ss = serverSocket;
        while (!ss.isClosed()) {
            try {
                Socket s = ss.accept();
                s.setTcpNoDelay(true);
                CotConnection c = new CotConnection(s, handler, config.clientQueueCapacity(), config.maxEventBytes());
                connections.add(c);
                c.start();
            } catch (IOException e) {
                if (!ss.isClosed()) {
                    LOG.warn("CoT accept failed: {}", e.toString());
                }
            }
        }
    }

    /** Handles a decoded event from a client (or UDP when {@code from} is null). */
    private void inbound(CotConnection from, CotEvent e, byte[] raw) throws DecodeException {
        if (from != null) {
            String before = from.uid();
            from.identify(e);
            if (from.uid() != null && !from.uid().equals(before)) {
                tasks.identified(from);
            }
        }
        if (CotControl.isPing(e) || CotControl.isProtocolQuery(e)) {
            eventsIn.increment();
            if (from != null && (CotControl.isPing(e) || CotControl.PROTOCOL_QUERY.equals(e.type()))) {
                from.send(encoder.encode(control.answer(e)), null);
            }
            return;
        }
        DomainEvent domain = mapping.toDomain(e, from == null ? null : from.uid(), defaultMarking);
        eventsIn.increment();
        relay(from, e, raw);
        if (domain != null) {
            publish(domain, e);
        }
    }

    private void relay(CotConnection from, CotEvent e, byte[] raw) {
        CotDetail d = e.detail();
        String group = d.groupName() != null ? d.groupName() : from != null ? from.groupOrDefault() : "";
        String key = e.type().startsWith("a-") ? e.uid() : null;
        for (CotConnection c : connections) {
            if (c == from || e.uid().equals(c.uid()) || !group.equals(c.groupOrDefault())) {
                continue;
            }
            if (d.hasDestinations() && !d.destCallsigns().contains(c.callsign()) && !d.destUids().contains(c.uid())) {
                continue;
            }
            send(c, raw, key);
        }
    }

    private void publish(DomainEvent domain, CotEvent e) {
        String key = sectorKey.apply(new double[] {e.lat(), e.lon()});
        switch (domain) {
            case UnitPosition p -> {
                clientUids.add(p.unit());
                bus.publish(Topic.UNIT_POSITIONS, key, p);
            }
            case ChatMessage m -> {
                clientUids.add(m.senderUid());
                bus.publish(Topic.MESSAGES, key, m);
            }
            case Detection det -> {
                clientUids.add(det.sensor());
                bus.publish(Topic.OBSERVATIONS, key, det);
            }
            case SensorHeartbeat h -> bus.publish(Topic.HEARTBEATS, key, h);
            default -> throw new IllegalStateException("unexpected " + domain);
        }
    }

    /** A bus event to every client as CoT, unless it came from a client here (relayed already) or may not be released. */
    private void outbound(DomainEvent event) {
        if (config.agency() != null && !event.marking().releasableTo(config.agency())) {
            return;
        }
        CotEvent cot;
        String key;
        switch (event) {
            case UnitPosition p -> {
                if (clientUids.contains(p.unit())) {
                    return;
                }
                cot = mapping.toCot(statuses.overlay(p));
                key = p.unit();
            }
            case Detection d -> {
                if (clientUids.contains(d.sensor())) {
                    return;
                }
                cot = mapping.toCot(d);
                key = "shekara.detection." + d.sensor();
            }
            case TrackUpdate t -> {
                cot = mapping.toCot(t);
                key = t.track();
                if (t.status() == TrackStatus.DELETED) {
                    // Stale at once under the track's key (it replaces a queued position), then the delete.
                    sendAll(encoder.encode(cot), key);
                    cot = mapping.trackDelete(t);
                    key = null;
                }
            }
            case ChatMessage m -> {
                if (clientUids.contains(m.senderUid())) {
                    return;
                }
                cot = mapping.toCot(m);
                key = null;
            }
            case Alert a -> {
                alert(a);
                return;
            }
            default -> {
                return;
            }
        }
        sendAll(encoder.encode(cot), key);
    }

    private void sendAll(byte[] bytes, String key) {
        for (CotConnection c : connections) {
            send(c, bytes, key);
        }
    }

    void send(CotConnection c, byte[] bytes, String key) {
        if (c.send(bytes, key) == ClientQueue.Offer.FULL) {
            slowClients.increment();
            LOG.warn("disconnected slow {}: {} events queued", c, config.clientQueueCapacity());
        }
    }

    void reject(DecodeException e) {
        registry.counter("shekara.adapter.rejections", "adapter", ADAPTER, "reason", e.reason()).increment();
        LOG.debug("CoT event rejected ({}): {}", e.reason(), e.getMessage());
    }

    /** Callbacks from connections: frames, oversized input, writes, disconnects. */
    private final class Handler implements CotConnection.Handler {
        @Override
        public void frame(CotConnection from, CotDecoder decoder, byte[] buf, int off, int len) {
            if (closed) {
                return;
            }
            try {
                CotEvent e = decoder.decode(buf, off, len);
                inbound(from, e, java.util.Arrays.copyOfRange(buf, off, off + len));
            } catch (DecodeException e) {
                reject(e);
            } catch (RuntimeException e) {
                // A failure past decoding (the bus shutting down, say) loses this event, not the connection.
                if (!closed) {
                    LOG.warn("CoT event from {} not handled: {}", from, e.toString());
                }
            }
        }

        @Override
        public void oversized(CotConnection from, long bytes) {
            reject(new DecodeException("oversized", "event of " + bytes + " bytes exceeds " + config.maxEventBytes()));
        }

        @Override
        public void skipped(CotConnection from, long bytes) {
            reject(new DecodeException("garbage", bytes + " bytes before an event were no event"));
        }

        @Override
        public void truncated(CotConnection from, long bytes) {
            reject(new DecodeException("truncated", "the client closed " + bytes + " bytes into an event"));
        }

        @Override
        public void written(int events) {
            eventsOut.increment(events);
        }

        @Override
        public void closed(CotConnection c) {
            connections.remove(c);
        }
    }
}

package kz.shekara.server.adapter.cot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.adapter.cot.CotTaskDelivery.Sender;

/**
 * Keeps the emergencies devices have raised (b-a-o-tbl 911, b-a-o-pan Ring The Bell, b-a-o-opn
 * Troops In Contact, b-a-o-c custom) and sends each again, every {@code period} of wall time, to
 * every client of the sender's routing groups but the sender, until the device cancels it
 * (b-a-o-can under the same uid), as TAK Server's repeater does; a client that connects gets the
 * active ones at once. Repeats go under the emergency's uid as replace key, so a slow client holds
 * one copy at most. Thread-safe; one daemon thread.
 */
final class EmergencyRepeater implements AutoCloseable {
    static final String CANCEL = "b-a-o-can";

    /** One raised emergency: its encoded event, the groups it was raised in and the connection that raised it. */
    record Active(String uid, byte[] bytes, Set<String> groups, CotConnection origin) {
    }

    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final List<CotConnection> connections;
    private final Sender sender;
    private final Runnable repeated;
    private final ScheduledExecutorService timer;

    /** @param repeated called once per event sent again (for the count) */
    EmergencyRepeater(Duration period, List<CotConnection> connections, Sender sender, Runnable repeated) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.repeated = Objects.requireNonNull(repeated, "repeated");
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cot-emergency").factory());
        long ms = Math.max(1, period.toMillis());
        timer.scheduleAtFixedRate(this::repeat, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** True for an emergency alarm or its cancel. */
    static boolean isEmergency(CotEvent e) {
        return e.type().startsWith(CotMapping.EMERGENCY_PREFIX);
    }

    /** An emergency or cancel a client (or UDP, {@code origin} null) has sent, relayed already. */
    void received(CotEvent e, byte[] raw, Set<String> groups, CotConnection origin) {
        if (CANCEL.equals(e.type())) {
            active.remove(e.uid());
        } else {
            active.put(e.uid(), new Active(e.uid(), raw, groups, origin));
        }
    }

    /** The active emergencies a client that has just connected may see. */
    List<Active> visibleTo(CotConnection c) {
        return active.values().stream().filter(a -> c.sharesGroup(a.groups())).toList();
    }

    boolean isActive(String uid) {
        return active.containsKey(uid);
    }

    private void repeat() {
        for (Active a : active.values()) {
            for (CotConnection c : connections) {
                if (c != a.origin() && c.sharesGroup(a.groups())) {
                    repeated.run();
                    sender.send(c, a.bytes(), a.uid());
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package kz.shekara.server.api;

import static kz.shekara.server.api.GeoJson.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import kz.shekara.server.view.LiveState;

/**
 * The operations centre's status line: connected TAK clients (the gauge {@value #COT_CLIENTS} the
 * CoT server registers, summed over its tags), events per second in and out over all adapters (the
 * counters {@value #EVENTS_IN} and {@value #EVENTS_OUT}, tagged by adapter), events per second into the live
 * picture, the event time of the newest data, whether the event store is UP or DOWN (null
 * when there is none) and how many inputs it did not store since start ({@code unstored}: the
 * rejections of every adapter for {@code store-unavailable} or {@code unstored}), and a field per
 * {@link ReportedPart} of the server (e.g. {@code kafka}). Rates are wall-clock operating figures of this
 * process, measured between two {@link #sample} calls; they never reach domain state. Thread-safe.
 */
final class StatusProbe {
    static final String COT_CLIENTS = "shekara.cot.clients";
    static final String EVENTS_IN = "shekara.adapter.events.in";
    static final String EVENTS_OUT = "shekara.adapter.events.out";
    private static final String REJECTIONS = "shekara.adapter.rejections";
    private static final java.util.Set<String> UNSTORED = java.util.Set.of("store-unavailable", "unstored");

    private final MeterRegistry registry;
    private final LiveState live;
    private final Clock clock;
    private final java.util.function.Supplier<String> storeStatus;
    private final java.util.List<ReportedPart> parts;
    private long lastMillis = -1;
    private double lastIn;
    private double lastOut;
    private long lastLive;
    private ObjectNode lastRates = NODES.objectNode().put("inPerSec", 0.0).put("outPerSec", 0.0).put("livePerSec", 0.0);

    /**
     * @param storeStatus UP or DOWN of the event store, or null when there is none
     * @param parts further parts of the server, each a field of the status line (read at each sample)
     */
    StatusProbe(MeterRegistry registry, LiveState live, Clock clock, java.util.function.Supplier<String> storeStatus,
                java.util.List<ReportedPart> parts) {
        this.storeStatus = storeStatus;
        this.parts = parts;
        this.registry = registry;
        this.live = live;
        this.clock = clock;
    }

    /** A status message ({@code type: "status"}); rates are over the time since the previous sample. */
    synchronized ObjectNode sample(int webSessions) {
        long now = clock.millis();
        double in = count(EVENTS_IN);
        double out = count(EVENTS_OUT);
        long liveEvents = live.eventCount();
        if (lastMillis >= 0 && now - lastMillis >= 250) {
            double s = (now - lastMillis) / 1000.0;
            lastRates = NODES.objectNode()
                    .put("inPerSec", round((in - lastIn) / s))
                    .put("outPerSec", round((out - lastOut) / s))
                    .put("livePerSec", round((liveEvents - lastLive) / s));
        }
        if (lastMillis < 0 || now - lastMillis >= 250) {
            lastMillis = now;
            lastIn = in;
            lastOut = out;
            lastLive = liveEvents;
        }
        ObjectNode o = NODES.objectNode();
        o.put("type", "status");
        Double clients = takClients();
        if (clients == null) {
            o.putNull("takClients");
        } else {
            o.put("takClients", clients.longValue());
        }
        o.setAll(lastRates);
        o.put("webSessions", webSessions);
        o.put("liveEvents", liveEvents);
        o.put("latestEventTime", live.latestEventTime().map(Object::toString).orElse(null));
        o.put("store", storeStatus.get());
        o.put("unstored", (long) registry.find(REJECTIONS).counters().stream()
                .filter(c -> UNSTORED.contains(c.getId().getTag("reason"))).mapToDouble(Counter::count).sum());
        parts.forEach(p -> o.set(p.name(), p.status()));
        return o;
    }

    private Double takClients() {
        var gauges = registry.find(COT_CLIENTS).gauges();
        return gauges.isEmpty() ? null : gauges.stream().mapToDouble(Gauge::value).sum();
    }

    private double count(String name) {
        return registry.find(name).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

package kz.shekara.server.adapter.cot;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;

/**
 * Publishes what clients sent on the bus, keyed by the sector of its position, and remembers the
 * uids of units, chat senders and sensors that came from clients so the bus's copy is not sent back
 * to them. Thread-safe.
 */
final class CotPublisher {
    private final Bus bus;
    private final Function<double[], String> sectorKey;
    private final Set<String> clientUids;

    CotPublisher(Bus bus, Function<double[], String> sectorKey, Set<String> clientUids) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.sectorKey = Objects.requireNonNull(sectorKey, "sectorKey");
        this.clientUids = Objects.requireNonNull(clientUids, "clientUids");
    }

    /** One domain event from a client at {@code lat}, {@code lon} (degrees). */
    void publish(DomainEvent domain, double lat, double lon) {
        String key = sectorKey.apply(new double[] {lat, lon});
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
}

package kz.shekara.server.adapter.cot;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Places devices' reports on the server's timeline. Devices stamp their own clock, which drifts and
 * is real time while the server may run on exercise time: a report whose time is further than
 * {@code maxSkew} from its receive time on the server's clock is placed at the receive time (start
 * and stale moved with it), so no response step can come before the dispatch it answers. A
 * position report (a-*) older than the last one placed for its uid is refused, so a late report
 * never moves a unit back. Thread-safe.
 */
final class DeviceTimes {
    /** Where a report goes: the event as placed (null when refused as out of order) and whether its time was replaced. */
    record Placement(CotEvent event, boolean skewed) {
        boolean outOfOrder() {
            return event == null;
        }
    }

    private final Duration maxSkew;
    private final Map<String, Instant> lastPlaced = new ConcurrentHashMap<>();

    DeviceTimes(Duration maxSkew) {
        this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
    }

    /** The placement of {@code e}, received at {@code received} on the server's clock. */
    Placement place(CotEvent e, Instant received) {
        boolean skewed = Duration.between(e.time(), received).abs().compareTo(maxSkew) > 0;
        CotEvent placed = skewed ? at(e, received) : e;
        if (!e.type().startsWith("a-")) {
            return new Placement(placed, skewed);
        }
        boolean[] older = new boolean[1];
        lastPlaced.compute(e.uid(), (uid, last) -> {
            if (last != null && placed.time().isBefore(last)) {
                older[0] = true;
                return last;
            }
            return placed.time();
        });
        return new Placement(older[0] ? null : placed, skewed);
    }

    private static CotEvent at(CotEvent e, Instant t) {
        Duration life = Duration.between(e.time(), e.stale());
        return new CotEvent(e.uid(), e.type(), e.how(), t, t, t.plus(life.isNegative() ? Duration.ZERO : life), e.opex(),
                e.lat(), e.lon(), e.hae(), e.ce(), e.le(), e.detail());
    }
}

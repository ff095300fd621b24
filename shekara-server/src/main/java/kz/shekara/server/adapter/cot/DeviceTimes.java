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
 * and stale moved with it), so no response step can come before the dispatch it answers. For one
 * uid's position reports (a-*) the order is the device's own: a report older by the device's clock
 * than one already placed is refused, so a late report never moves a unit back, and a newer one is
 * never placed before the last placed (its time is raised to it when the skew rule placed the last
 * one later). A report placed at its receive time for being ahead is not the reference of that order
 * (a device clock that jumped ahead once does not hold back its next reports). With {@code refuseAhead} a report stamped further than {@code maxSkew} ahead of its
 * receive time is refused instead, and leaves nothing behind (its uid's order is as before it). Either
 * way no report moves event time past the receive time plus {@code maxSkew}. Thread-safe.
 */
final class DeviceTimes {
    /** Where a report goes: the event as placed (null when refused as out of order) and whether its time was replaced. */
    record Placement(CotEvent event, boolean skewed, boolean aheadRefused) {
        boolean outOfOrder() {
            return event == null && !aheadRefused;
        }
    }

    /** One uid's last report: its device time and where it was placed. */
    private record Last(Instant device, Instant placed) {
    }

    private final Duration maxSkew;
    private final boolean refuseAhead;
    private final Map<String, Last> last = new ConcurrentHashMap<>();

    DeviceTimes(Duration maxSkew, boolean refuseAhead) {
        this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
        this.refuseAhead = refuseAhead;
    }

    /** The placement of {@code e}, received at {@code received} on the server's clock. */
    Placement place(CotEvent e, Instant received) {
        boolean skewed = Duration.between(e.time(), received).abs().compareTo(maxSkew) > 0;
        boolean ahead = skewed && e.time().isAfter(received);
        if (ahead && refuseAhead) {
            return new Placement(null, false, true);
        }
        if (!e.type().startsWith("a-")) {
            return new Placement(skewed ? at(e, received) : e, skewed, false);
        }
        CotEvent[] placed = new CotEvent[1];
        last.compute(e.uid(), (uid, before) -> {
            if (before != null && e.time().isBefore(before.device())) {
                return before;
            }
            Instant t = skewed ? received : e.time();
            if (before != null && t.isBefore(before.placed())) {
                t = before.placed();
            }
            placed[0] = t.equals(e.time()) ? e : at(e, t);
            // A time ahead is no reference for the device's order: one glitch must not hold back its next reports.
            return new Last(ahead ? before == null ? Instant.MIN : before.device() : e.time(), t);
        });
        return new Placement(placed[0], skewed, false);
    }

    private static CotEvent at(CotEvent e, Instant t) {
        Duration life = Duration.between(e.time(), e.stale());
        return new CotEvent(e.uid(), e.type(), e.how(), t, t, t.plus(life.isNegative() ? Duration.ZERO : life), e.opex(),
                e.lat(), e.lon(), e.hae(), e.ce(), e.le(), e.detail());
    }
}

package kz.shekara.server.adapter.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import kz.shekara.incident.AlertBook;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertState;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.adapter.cot.AlertCot;
import kz.shekara.server.adapter.cot.CotEncoder;
import kz.shekara.server.adapter.cot.CotMapping;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.TrackView;
import kz.shekara.server.view.Viewer;

/**
 * What one partner agency may have, as CoT XML: the tracks, unit positions and alerts its
 * {@link Viewer} may see (markings, releases, the exercise rule), with its redactions applied — the
 * same rule and the same redactions as its partner feed. Alerts in English. Thread-safe (immutable
 * parts; the live picture and the alert book are read under their own locks).
 */
final class PartnerCot {
    private final Viewer viewer;
    private final Redactor redactor;
    private final CotMapping mapping;
    private final CotEncoder encoder = new CotEncoder();
    private final LiveState live;
    private final Supplier<List<AlertBook.Entry>> alerts;

    PartnerCot(Viewer viewer, Redactor redactor, CotMapping mapping, LiveState live,
               Supplier<List<AlertBook.Entry>> alerts) {
        this.viewer = Objects.requireNonNull(viewer, "viewer");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.live = Objects.requireNonNull(live, "live");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    String agency() {
        return viewer.agency();
    }

    /** The CoT events for one bus event: none when the partner may not see it (an ended track: itself, then its delete). */
    List<byte[]> encode(DomainEvent event) {
        if (!(event instanceof TrackUpdate || event instanceof UnitPosition || event instanceof Alert)
                || !viewer.maySee(event)) {
            return List.of();
        }
        return switch (redactor.apply(viewer, event)) {
            case TrackUpdate t when t.status() == TrackStatus.DELETED ->
                    List.of(encoder.encode(mapping.toCot(t)), encoder.encode(mapping.trackDelete(t)));
            case TrackUpdate t -> List.of(encoder.encode(mapping.toCot(t)));
            case UnitPosition p -> List.of(encoder.encode(mapping.toCot(p)));
            case Alert a -> List.of(encoder.encode(AlertCot.toCot(a)));
            default -> List.of();
        };
    }

    /** The latest state of everything the partner may see now: live tracks, units and alerts not closed. */
    List<byte[]> snapshot() {
        List<byte[]> out = new ArrayList<>();
        for (TrackView t : live.tracks(viewer)) {
            out.addAll(encode(t.latest()));
        }
        live.units(viewer).forEach(p -> out.addAll(encode(p)));
        for (AlertBook.Entry e : alerts.get()) {
            if (e.state() != AlertState.CLOSED) {
                out.addAll(encode(e.alert()));
            }
        }
        return out;
    }
}

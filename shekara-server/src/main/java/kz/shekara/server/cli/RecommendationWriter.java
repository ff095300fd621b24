package kz.shekara.server.cli;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.Area;
import kz.shekara.planning.Recommendation;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.ResponseModels;
import kz.shekara.planning.TargetMotion;
import kz.shekara.routing.Readiness;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * The batch pipeline's unit recommendations: when an incident opens, the theatre's units are
 * ranked for it ({@link Recommender}, national view) and one line per ranked unit is written —
 * {@code {"time", "incident", "unit", "kind", "rank", "etaS", "distanceM", "interceptLat", "interceptLon"}}
 * (seconds since the start, seconds, metres, degrees). The target is the opening alert's track at
 * its latest update, else a stationary point at the incident. Each unit is where its latest line in
 * the unit-positions file put it, with that status; a unit with no line yet is available at its
 * base. Launch delays follow the posture of the unit's home sector (the sector of its base). Not
 * thread-safe; the same input gives the same bytes.
 */
final class RecommendationWriter {
    static final String FILE = "recommendations.jsonl";
    /** How far ahead intercepts are planned, and the growth of the target's position error. */
    private static final double HORIZON_S = 4 * 3600;
    private static final double VELOCITY_SIGMA_MPS = 0.5;
    private static final double POINT_SIGMA_M = 30;

    private final ObjectMapper json = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private final Recommender recommender;
    private final Area area;
    private final Function<String, Posture> postures;
    private final Function<java.time.Instant, BigDecimal> seconds;
    private final Writer out;
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, String> homeSector = new HashMap<>();
    private final Map<String, UnitPosition> positions = new HashMap<>();
    private final Map<String, TrackUpdate> tracks = new HashMap<>();
    private final Map<String, Alert> alerts = new HashMap<>();
    private long lines;

    RecommendationWriter(Theatre theatre, ResponseModels models, Function<String, Posture> postures,
                         Function<java.time.Instant, BigDecimal> seconds, Writer out) {
        this.recommender = models.recommender(Recommender.Config.DEFAULT);
        this.area = models.area().orElse(null);
        this.postures = postures;
        this.seconds = seconds;
        this.out = out;
        SectorLocator locator = new SectorLocator(theatre);
        for (Unit u : theatre.units()) {
            units.put(u.id(), u);
            theatre.base(u.base()).flatMap(b -> locator.locate(b.lat(), b.lon())).map(Sector::id)
                    .ifPresent(s -> homeSector.put(u.id(), s));
        }
        for (Unit u : theatre.units()) {
            Base b = theatre.base(u.base()).orElse(null);
            if (b != null) {
                positions.put(u.id(), new UnitPosition(java.time.Instant.EPOCH, u.id(), u.callsign(), "a-f-G",
                        b.lat(), b.lon(), Double.NaN, Double.NaN, UnitStatus.AVAILABLE, theatre.defaultMarking()));
            }
        }
    }

    void position(UnitPosition p) {
        if (units.containsKey(p.unit())) {
            positions.put(p.unit(), p);
        }
    }

    void track(TrackUpdate u) {
        tracks.put(u.track(), u);
    }

    void events(List<DomainEvent> events) throws IOException {
        for (DomainEvent e : events) {
            if (e instanceof Alert a) {
                alerts.put(a.id(), a);
            } else if (e instanceof IncidentEvent i && i.alert() != null) {
                Alert a = alerts.remove(i.alert());
                if (i.change() == IncidentEvent.Change.OPENED) {
                    recommend(i, a);
                }
            }
        }
    }

    long lines() {
        return lines;
    }

    private void recommend(IncidentEvent incident, Alert alert) throws IOException {
        TrackUpdate track = alert == null || alert.track() == null ? null : tracks.get(alert.track());
        TargetMotion target = track != null ? TargetMotion.of(track, VELOCITY_SIGMA_MPS, HORIZON_S, area)
                : TargetMotion.of(incident.lat(), incident.lon(), 0, 0, POINT_SIGMA_M, VELOCITY_SIGMA_MPS, HORIZON_S,
                area);
        List<UnitState> states = new ArrayList<>();
        for (Unit u : units.values()) {
            UnitPosition p = positions.get(u.id());
            if (p != null) {
                String home = homeSector.get(u.id());
                Posture posture = home == null ? Posture.NORMAL : postures.apply(home);
                states.add(UnitState.of(u, p, posture == null ? Posture.NORMAL : posture, Readiness.DEFAULT, null, home));
            }
        }
        for (Recommendation r : recommender.recommend(target, states, null).ranked()) {
            ObjectNode o = json.createObjectNode();
            o.put("time", seconds.apply(incident.time()));
            o.put("incident", incident.incident());
            o.put("unit", r.unit());
            o.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            o.put("rank", r.rank());
            o.put("etaS", round(r.etaS(), 1));
            o.put("distanceM", round(r.distanceM(), 0));
            o.put("interceptLat", round(r.lat(), 6));
            o.put("interceptLon", round(r.lon(), 6));
            if (!r.intercepts()) {
                // A pursuit: nobody can meet the target; the point is the last of its path in the area.
                o.put("intercept", false).put("miss", r.miss()).put("lateS", round(r.lateS(), 1));
            }
            out.write(json.writeValueAsString(o));
            out.write('\n');
            lines++;
        }
    }

    private static BigDecimal round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}

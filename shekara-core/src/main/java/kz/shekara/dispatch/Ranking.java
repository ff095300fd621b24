package kz.shekara.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.PreparedUnits;
import kz.shekara.planning.Recommendation;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.ResponseModels;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.Command;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * The desk's rankings: the units on the {@link UnitBoard} ranked against an incident's target by
 * the core {@link Recommender}, with launch delays for the sectors' postures now, as the operations
 * centre sees them (the units under any of the theatre's commands) or as one command does; and one
 * tasked unit's own best meeting with its target. Not thread-safe: the desk's caller holds one lock.
 */
final class Ranking {
    private final ResponseConfig config;
    private final ResponseModels models;
    private final Recommender recommender;
    private final Map<String, String> commandAgency;
    private final String home;
    private final UnitBoard units;
    private final Map<String, Posture> postures;
    /** The units' side of the last ranking, reused for every unit whose state has not changed since. */
    private PreparedUnits prepared;

    Ranking(ResponseConfig config, Theatre theatre, ResponseModels models, UnitBoard units,
            Map<String, Posture> postures) {
        this.config = config;
        this.models = models;
        this.recommender = models.recommender(Recommender.Config.DEFAULT);
        this.commandAgency = theatre.commands().stream().collect(Collectors.toUnmodifiableMap(Command::id,
                Command::agency));
        this.home = theatre.defaultMarking().originator();
        this.units = units;
        this.postures = postures;
    }

    /**
     * True when a unit held by {@code command} is {@code agency}'s to dispatch: the command is one of
     * that agency's (in a theatre without commands, every unit is the home agency's).
     */
    boolean holds(String agency, String command) {
        return commandAgency.isEmpty() ? home.equals(agency) : agency.equals(commandAgency.get(command));
    }

    /** The agency of a command the theatre defines, or null. */
    String agencyOf(String command) {
        return commandAgency.get(command);
    }

    /** The home agency: the theatre's default marking's originator. */
    String home() {
        return home;
    }

    /** The incident's target as of {@code at} (event time), within the planning horizon. */
    IncidentWatch.Target target(IncidentWatch watch, IncidentWatch.Watched w, Instant at) {
        return watch.target(w, at, config.velocitySigmaMps(), config.horizonS(), models.area().orElse(null));
    }

    /**
     * The ranking as {@code command} sees it, or (command null) as {@code agency}'s operators do: the
     * units under any of that agency's commands, the others excluded as {@code not-under-control}.
     */
    Recommendations rank(IncidentWatch.Target target, String command, String agency) {
        List<UnitState> all = units.states(this::posture);
        List<UnitState> ours = new ArrayList<>(all.size());
        List<Recommendations.Excluded> outside = new ArrayList<>();
        for (UnitState u : all) {
            if (command == null && !holds(agency, u.controlledBy())) {
                outside.add(new Recommendations.Excluded(u.unit(), "not-under-control"));
            } else {
                ours.add(u);
            }
        }
        PreparedUnits p = recommender.prepare(ours, prepared);
        prepared = p;
        Recommendations r = recommender.recommend(target.motion(), p, command);
        if (outside.isEmpty()) {
            return r;
        }
        List<Recommendations.Excluded> excluded = new ArrayList<>(r.excluded());
        excluded.addAll(outside);
        excluded.sort(Comparator.comparing(Recommendations.Excluded::unit));
        return new Recommendations(r.ranked(), excluded);
    }

    /** The tasked unit's own best meeting with the target now, or empty when it cannot meet it. */
    Optional<Recommendation> plan(Unit unit, IncidentWatch.Target target, boolean moving) {
        UnitState s = units.state(unit, this::posture);
        if (s == null) {
            return Optional.empty();
        }
        UnitState free = new UnitState(s.unit(), s.kind(), s.lat(), s.lon(), UnitStatus.AVAILABLE,
                s.speedMps(), s.offRoadSpeedMps(), moving ? 0 : s.launchS(), s.enduranceLeftM(), s.command(),
                s.controlledBy(), s.sector());
        return recommender.recommend(target.motion(), List.of(free), null).ranked().stream().findFirst();
    }

    private Posture posture(String sector) {
        return postures.getOrDefault(sector, Posture.NORMAL);
    }
}

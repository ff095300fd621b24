package kz.shekara.dispatch;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the {@link DispatchDesk}: the least event time between two recomputations of one
 * incident's ranking ({@code minIntervalS}), how far the intercept point of a task must move before
 * the unit's device gets the new one ({@code pointUpdateM}), how far a unit must move after
 * acknowledging to count as en route ({@code movedM}), how near the target or intercept point it
 * must be to count as on scene on the ground and in the air or at sea ({@code onSceneGroundM},
 * {@code onSceneAirM}), the planning horizon and the growth of the target's position error (m/s),
 * the words a crew's chat reply acknowledges a task with, and the operations centre's TAK identity
 * (uid and callsign its task chats come from). Distances in metres, times in seconds. Immutable.
 */
public record ResponseConfig(double minIntervalS, double pointUpdateM, double movedM, double onSceneGroundM,
                             double onSceneAirM, double horizonS, double velocitySigmaMps, List<String> ackWords,
                             String centreUid, String centreCallsign) {

    public ResponseConfig {
        if (!(minIntervalS >= 0) || !(pointUpdateM > 0) || !(movedM > 0) || !(onSceneGroundM > 0)
                || !(onSceneAirM > 0) || !(horizonS > 0) || !(velocitySigmaMps >= 0)) {
            throw new IllegalArgumentException("response settings must be positive (minIntervalS, sigma >= 0)");
        }
        ackWords = ackWords.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(centreUid, "centreUid");
        Objects.requireNonNull(centreCallsign, "centreCallsign");
    }

    /** Ten seconds between rankings, 200 m point updates, on scene within 300 m (ground) or 500 m (air, sea). */
    public static ResponseConfig defaults() {
        return new ResponseConfig(10, 200, 50, 300, 500, 4 * 3600, 0.5,
                List.of("ack", "ok", "roger", "wilco", "accepted", "принято", "принял", "есть", "қабылдадым",
                        "қабылданды", "құп"),
                "shekara-ops", "Shekara Ops");
    }
}

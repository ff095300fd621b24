package kz.shekara.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * What a simulated scenario contains: how many walkers, vehicles and boats move about, which share
 * of them cross the border inbound or head for a protected site, how many loiter, and the time
 * steps of truth and of friendly unit reports. Shares are fractions in [0, 1]; counts are rounded
 * per kind. Validated on construction; immutable.
 *
 * @param walkers people on foot (1–1.6 m/s): the crossing share cross the border, the rest walk along it
 * @param vehicles ground vehicles (8–20 m/s): crossers, then site approachers, the rest drive roads
 * @param boats boats (6–15 m/s, fast ones 20–30 m/s): site approachers first, then crossers, the rest transit
 * @param loiterers movers that linger near the border (on foot) or near an offshore site (by boat), alternately
 * @param crossingShare share of walkers and vehicles (and of boats not heading for a site) that cross inbound
 * @param siteApproachShare share of boats (and of non-crossing vehicles) that head for a protected site
 * @param fastBoatShare share of boats that run at 20–30 m/s
 * @param sourceShare share of crossing vehicles that carry a radioactive source and cross at a crossing point
 * @param step interval of truth states (and of replacing movers that reached their destination)
 * @param unitReportInterval interval of friendly unit position reports
 */
public record ScenarioConfig(int walkers, int vehicles, int boats, int loiterers, double crossingShare,
                             double siteApproachShare, double fastBoatShare, double sourceShare, Duration step,
                             Duration unitReportInterval) {

    /** The built-in demo scenario: 12 walkers, 8 vehicles, 6 boats, 2 loiterers. */
    public static final ScenarioConfig DEFAULT = new ScenarioConfig(12, 8, 6, 2, 0.5, 0.5, 0.34, 0.25,
            Duration.ofSeconds(1), Duration.ofSeconds(10));

    public ScenarioConfig {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(unitReportInterval, "unitReportInterval");
        if (walkers < 0 || vehicles < 0 || boats < 0 || loiterers < 0) {
            throw new IllegalArgumentException("mover counts must be >= 0");
        }
        share("crossingShare", crossingShare);
        share("siteApproachShare", siteApproachShare);
        share("fastBoatShare", fastBoatShare);
        share("sourceShare", sourceShare);
        wholeMillis("step", step);
        wholeMillis("unitReportInterval", unitReportInterval);
    }

    /** The same scenario with other mover counts. */
    public ScenarioConfig withCounts(int walkers, int vehicles, int boats, int loiterers) {
        return new ScenarioConfig(walkers, vehicles, boats, loiterers, crossingShare, siteApproachShare,
                fastBoatShare, sourceShare, step, unitReportInterval);
    }

    private static void share(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
        }
    }

    private static void wholeMillis(String name, Duration d) {
        if (d.compareTo(Duration.ofMillis(1)) < 0 || d.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(name + " must be a positive whole number of milliseconds, got " + d);
        }
    }
}

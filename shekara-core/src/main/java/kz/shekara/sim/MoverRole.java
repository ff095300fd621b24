package kz.shekara.sim;

/** What a simulated mover is doing in the scenario. */
enum MoverRole {
    /** Crosses the border inbound: starts 2–5 km on the neighbour side, ends 5–10 km inside. */
    CROSSER,
    /** Moves along the border line a few hundred metres off it without crossing. */
    ALONG_BORDER,
    /** Heads straight for a protected site. */
    SITE_APPROACH,
    /** Ordinary traffic: along a road, or at sea. */
    TRANSIT,
    /** Wanders slowly around one place. */
    LOITERER
}

package kz.shekara.sim;

import java.util.Locale;

/** What a simulated mover is; fixes which sensors can see it and how fast it goes. */
enum MoverKind {
    WALKER, VEHICLE, BOAT;

    /** Lower-case prefix of the mover's id ("walker-001"). */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean onLand() {
        return this != BOAT;
    }
}

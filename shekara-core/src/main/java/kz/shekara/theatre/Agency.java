package kz.shekara.theatre;

import java.util.Objects;
import kz.shekara.model.Classification;

/** A partner agency that may receive shared information, up to its clearance. */
public record Agency(String id, String name, Classification clearance) {
    public Agency {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clearance, "clearance");
    }
}

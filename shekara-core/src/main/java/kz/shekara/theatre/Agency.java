package kz.shekara.theatre;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import kz.shekara.model.Classification;

/**
 * A partner agency that may receive shared information, up to its clearance, less the details
 * listed in {@code redact} (empty: nothing withheld). Immutable.
 */
public record Agency(String id, String name, Classification clearance, Set<Redaction> redact) {
    public Agency {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clearance, "clearance");
        redact = redact == null || redact.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(redact));
    }

    /** An agency from which nothing is withheld. */
    public Agency(String id, String name, Classification clearance) {
        this(id, name, clearance, Set.of());
    }
}

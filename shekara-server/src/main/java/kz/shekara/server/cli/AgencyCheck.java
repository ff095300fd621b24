package kz.shekara.server.cli;

import java.util.stream.Collectors;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Theatre;

/** Refuses an agency the theatre does not define, naming those it does. */
final class AgencyCheck {
    private AgencyCheck() {
    }

    static String check(Theatre theatre, String agency) {
        if (theatre.agencies().stream().noneMatch(a -> a.id().equals(agency))) {
            throw new IllegalArgumentException("unknown agency '" + agency + "'; the theatre's agencies: "
                    + theatre.agencies().stream().map(Agency::id).collect(Collectors.joining(", ")));
        }
        return agency;
    }
}

package kz.shekara.server.view;

import java.util.Objects;
import kz.shekara.model.Classification;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Theatre;

/**
 * Who is reading: an agency, its clearance, and a role. Every read of {@link LiveState} and every
 * exit (API, WebSocket, CoT clients, feeds, exports, reports, replay) passes one, so that the
 * filtering by marking lives in this single place ({@link #maySee}). Immutable.
 */
public record Viewer(String agency, String role, Classification clearance) {
    /** The role of an operator of the home agency's operations centre. */
    public static final String OPERATOR = "operator";

    public Viewer {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(clearance, "clearance");
    }

    /** The home agency's operator, cleared to the highest classification: the viewer of the operations centre's own COP. */
    public static Viewer home(String agency) {
        return new Viewer(agency, OPERATOR, Classification.SECRET);
    }

    /**
     * A reader of {@code agency} in {@code role}, cleared as the theatre's agency list says; the home
     * agency (the default marking's originator) when not listed is cleared to the highest
     * classification, any other agency not listed to nothing above unclassified.
     */
    public static Viewer of(Theatre theatre, String agency, String role) {
        Classification clearance = theatre.agencies().stream().filter(a -> a.id().equals(agency))
                .map(Agency::clearance).findFirst()
                .orElse(agency.equals(theatre.defaultMarking().originator()) ? Classification.SECRET
                        : Classification.UNCLASSIFIED);
        return new Viewer(agency, role, clearance);
    }

    /**
     * True when this viewer may see an event with the given marking: its clearance covers the
     * classification and the event is its agency's own or releasable to it.
     */
    public boolean maySee(Marking marking) {
        return clearance.compareTo(marking.classification()) >= 0 && marking.releasableTo(agency);
    }

    public boolean maySee(DomainEvent event) {
        return maySee(event.marking());
    }
}

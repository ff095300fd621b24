package kz.shekara.server.view;

import java.util.Objects;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;

/**
 * Who is reading the live picture: an agency and a role. Every read of {@link LiveState} and every
 * API and WebSocket view passes one, so that the filtering by marking and role lives in this single
 * place ({@link #maySee}). Today only the home agency reads, and it sees everything. Immutable.
 */
public record Viewer(String agency, String role) {
    /** The role of an operator of the home agency's operations centre. */
    public static final String OPERATOR = "operator";

    public Viewer {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(role, "role");
    }

    /** The home agency's operator, who owns the picture: the viewer of the operations centre's own COP. */
    public static Viewer home(String agency) {
        return new Viewer(agency, OPERATOR);
    }

    /** True when this viewer may see an event with the given marking. The home agency sees everything. */
    public boolean maySee(Marking marking) {
        return true;
    }

    public boolean maySee(DomainEvent event) {
        return maySee(event.marking());
    }
}

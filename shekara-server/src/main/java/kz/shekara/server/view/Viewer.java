package kz.shekara.server.view;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Redaction;
import kz.shekara.theatre.Theatre;

/**
 * Who is reading: an agency, its clearance, a role, the details withheld from it ({@code redact}),
 * what has been released to it ({@code releases}) and whether it may see exercise data. Every read
 * of {@link LiveState} and every exit (API, WebSocket, CoT clients, feeds, exports, reports, replay)
 * passes one, so that the filtering by marking lives in this single place ({@link #maySee}).
 * Immutable; {@code maySee} costs a few comparisons and at most one lookup in the release book.
 */
public record Viewer(String agency, String role, Classification clearance, Set<Redaction> redact,
                     Releases releases, boolean exerciseShared) {
    /** The role of an operator of the home agency's operations centre. */
    public static final String OPERATOR = "operator";

    /** What has been released to which agency beyond the events' own markings (see {@link ReleaseBook}). */
    @FunctionalInterface
    public interface Releases {
        /** Nothing released. */
        Releases NONE = (subject, agency) -> false;

        boolean released(Release.Subject subject, String agency);
    }

    public Viewer {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(clearance, "clearance");
        redact = redact == null ? Set.of() : Set.copyOf(redact);
        Objects.requireNonNull(releases, "releases");
    }

    /** A viewer with nothing withheld, nothing released beyond the markings, exercise data shown. */
    public Viewer(String agency, String role, Classification clearance) {
        this(agency, role, clearance, Set.of(), Releases.NONE, true);
    }

    /** The home agency's operator, cleared to the highest classification: the viewer of the operations centre's own COP. */
    public static Viewer home(String agency) {
        return new Viewer(agency, OPERATOR, Classification.SECRET);
    }

    /**
     * A reader of {@code agency} in {@code role}, cleared and redacted as the theatre's agency list
     * says; the home agency (the default marking's originator) when not listed is cleared to the
     * highest classification, any other agency not listed to nothing above unclassified.
     */
    public static Viewer of(Theatre theatre, String agency, String role) {
        Optional<Agency> listed = theatre.agencies().stream().filter(a -> a.id().equals(agency)).findFirst();
        Classification clearance = listed.map(Agency::clearance)
                .orElse(agency.equals(theatre.defaultMarking().originator()) ? Classification.SECRET
                        : Classification.UNCLASSIFIED);
        return new Viewer(agency, role, clearance, listed.map(Agency::redact).orElse(Set.of()), Releases.NONE, true);
    }

    /**
     * This viewer under a deployment's sharing rules: the releases made so far, and exercise data
     * shown only in an exercise or to the home agency (exercise data never reaches a partner of a
     * real deployment).
     */
    public Viewer sharing(Releases releases, boolean exerciseDeployment, String homeAgency) {
        return new Viewer(agency, role, clearance, redact, releases, exerciseDeployment || agency.equals(homeAgency));
    }

    /**
     * True when this viewer may see an event with the given marking: exercise data only where it is
     * shared, its clearance covers the classification, and the event is its agency's own or
     * releasable to it.
     */
    public boolean maySee(Marking marking) {
        return cleared(marking) && marking.releasableTo(agency);
    }

    /**
     * True when this viewer may see an object with the given marking: as {@link #maySee(Marking)},
     * or the object was released to its agency (clearance and the exercise rule still apply).
     */
    public boolean maySee(Marking marking, Release.Subject subject) {
        return cleared(marking)
                && (marking.releasableTo(agency) || subject != null && releases.released(subject, agency));
    }

    /** {@link #maySee(Marking, Release.Subject)} for the incident, alert or track an event updates. */
    public boolean maySee(DomainEvent event) {
        Marking m = event.marking();
        if (!cleared(m)) {
            return false;
        }
        if (m.releasableTo(agency)) {
            return true;
        }
        Optional<Release.Subject> s = Release.subjectOf(event);
        return s.isPresent() && releases.released(s.get(), agency);
    }

    /** True when {@code kind} details are withheld from this viewer. */
    public boolean redacts(Redaction kind) {
        return redact.contains(kind);
    }

    private boolean cleared(Marking m) {
        return (exerciseShared || !m.exercise()) && clearance.compareTo(m.classification()) >= 0;
    }
}

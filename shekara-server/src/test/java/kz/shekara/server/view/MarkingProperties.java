package kz.shekara.server.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.theatre.Redaction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The marking rule against an independent statement of it, over generated markings, agencies,
 * clearances, releases and deployments; and derived markings never widening what their inputs allow.
 */
class MarkingProperties {
    static final List<String> AGENCIES = List.of("kz-bs", "kz-mod", "kz-customs", "uz-bs", "kg-bs");

    @Provide
    static Arbitrary<Marking> markings() {
        return Combinators.combine(Arbitraries.of(Classification.class), Arbitraries.of(AGENCIES),
                Arbitraries.of(AGENCIES).set().ofMaxSize(4), Arbitraries.of(true, false))
                .as((c, o, rel, ex) -> {
                    Marking m = Marking.of(c, o, rel);
                    return ex ? m.asExercise() : m;
                });
    }

    @Property(tries = 2000)
    void aViewerSeesExactlyWhatClearanceReleasabilityReleasesAndTheExerciseRuleAllow(
            @ForAll("markings") Marking m, @ForAll("agency") String agency, @ForAll Classification clearance,
            @ForAll boolean released, @ForAll boolean exerciseDeployment) {
        Release.Subject subject = new Release.Subject(Release.Kind.TRACK, "T-1");
        Viewer v = new Viewer(agency, "operator", clearance, Set.of(), (s, a) -> released && s.equals(subject)
                && a.equals(agency), true).sharing((s, a) -> released && s.equals(subject) && a.equals(agency),
                exerciseDeployment, "kz-bs");
        boolean exerciseOk = !m.exercise() || exerciseDeployment || agency.equals("kz-bs");
        boolean cleared = clearance.ordinal() >= m.classification().ordinal();
        boolean releasable = agency.equals(m.originator()) || m.releasableTo().contains(agency);
        assertThat(v.maySee(m)).isEqualTo(exerciseOk && cleared && releasable);
        assertThat(v.maySee(m, subject)).isEqualTo(exerciseOk && cleared && (releasable || released));
        assertThat(v.maySee(m, new Release.Subject(Release.Kind.ALERT, "T-1"))).isEqualTo(v.maySee(m));
    }

    @Property(tries = 2000)
    void aDerivedMarkingIsVisibleToExactlyTheAgenciesThatMaySeeEveryInput(
            @ForAll("markings") Marking a, @ForAll("markings") Marking b, @ForAll("markings") Marking c) {
        Marking ab = a.mostRestrictive(b);
        Marking abc = ab.mostRestrictive(c);
        for (String agency : AGENCIES) {
            assertThat(ab.releasableTo(agency)).isEqualTo(a.releasableTo(agency) && b.releasableTo(agency));
            assertThat(abc.releasableTo(agency))
                    .isEqualTo(a.releasableTo(agency) && b.releasableTo(agency) && c.releasableTo(agency));
        }
        assertThat(ab).isEqualTo(b.mostRestrictive(a));
        assertThat(ab.classification()).isEqualTo(Classification.max(a.classification(), b.classification()));
        assertThat(ab.exercise()).isEqualTo(a.exercise() || b.exercise());
        for (Classification clearance : Classification.values()) {
            for (String agency : AGENCIES) {
                Viewer v = new Viewer(agency, "analyst", clearance);
                if (v.maySee(abc)) {
                    assertThat(v.maySee(a) && v.maySee(b) && v.maySee(c)).isTrue();
                }
            }
        }
    }

    @Property(tries = 200)
    void redactionsComeFromTheAgencyAndChangeNothingOfWhatMaySeeAllows(@ForAll("markings") Marking m,
                                                                       @ForAll("agency") String agency) {
        Viewer plain = new Viewer(agency, "partner", Classification.SECRET);
        Viewer redacted = new Viewer(agency, "partner", Classification.SECRET, Set.of(Redaction.SENSOR, Redaction.UNIT),
                Viewer.Releases.NONE, true);
        assertThat(redacted.maySee(m)).isEqualTo(plain.maySee(m));
        assertThat(redacted.redacts(Redaction.UNIT)).isTrue();
        assertThat(plain.redacts(Redaction.SENSOR)).isFalse();
    }

    @Provide
    static Arbitrary<String> agency() {
        return Arbitraries.of(AGENCIES);
    }
}

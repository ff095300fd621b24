package kz.shekara.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkingTest {

    private final Marking borderService = Marking.of(Classification.RESTRICTED, "KNB-BS", List.of("CUSTOMS", "MOD"));
    private final Marking customs = Marking.of(Classification.CONFIDENTIAL, "CUSTOMS", List.of("KNB-BS", "MOD", "EMERCOM"));

    @Test
    void originatorAndListedAgenciesMayReceive() {
        assertThat(borderService.releasableTo("KNB-BS")).isTrue();
        assertThat(borderService.releasableTo("CUSTOMS")).isTrue();
        assertThat(borderService.releasableTo("EMERCOM")).isFalse();
    }

    @Test
    void mostRestrictiveTakesHigherClassificationAndCommonReleasability() {
        Marking m = borderService.mostRestrictive(customs);
        assertThat(m.classification()).isEqualTo(Classification.CONFIDENTIAL);
        assertThat(m.originator()).isEqualTo("CUSTOMS");
        // MOD is in both lists; KNB-BS keeps access to what it co-originated; EMERCOM was only in one list.
        assertThat(m.releasableTo()).containsExactly("KNB-BS", "MOD");
        assertThat(m.exercise()).isFalse();
    }

    @Test
    void mostRestrictiveIsIndependentOfOrder() {
        assertThat(borderService.mostRestrictive(customs)).isEqualTo(customs.mostRestrictive(borderService));
    }

    @Test
    void exerciseIsContagious() {
        Marking m = borderService.asExercise().mostRestrictive(customs);
        assertThat(m.exercise()).isTrue();
    }

    @Test
    void releasableSetIsSortedAndImmutable() {
        Marking m = Marking.of(Classification.UNCLASSIFIED, "A", List.of("Z", "B", "M"));
        assertThat(m.releasableTo()).containsExactly("B", "M", "Z");
        assertThatThrownBy(() -> m.releasableTo().add("C")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsBlankOriginator() {
        assertThatThrownBy(() -> Marking.of(Classification.SECRET, " ", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

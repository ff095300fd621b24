package kz.shekara.theatre;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class SectorCellsTest {
    private static final double COARSE = 1.0 / SectorCells.CELLS_PER_DEGREE;
    private static final double FINE = COARSE / SectorCells.REFINE;

    @Test
    void aMixedCellIsAnsweredByTheFinerCellsThatSettle() {
        // Every coarse cell is mixed; a fine cell settles when it lies west of 69.5 degrees of longitude.
        List<Envelope> asked = new ArrayList<>();
        SectorCells<String> cells = new SectorCells<>(cell -> {
            asked.add(cell);
            if (cell.getWidth() > FINE * 1.5) {
                return null;
            }
            return cell.getMaxX() <= 69.5 ? new SectorCells.Answer<>("west") : null;
        });
        SectorCells.Answer<String> west = cells.answer(41.2, 69.5 - FINE / 2);
        assertThat(west).isNotNull();
        assertThat(west.value()).isEqualTo("west");
        assertThat(cells.answer(41.2, 69.5 + FINE / 2)).isNull();
        // Each cell is decided once, whatever the number of queries: 69.5 is a coarse cell's edge too, so
        // two coarse cells and a fine cell in each.
        for (int i = 0; i < 100; i++) {
            assertThat(cells.answer(41.2 + i * FINE / 200, 69.5 - FINE / 2 + i * FINE / 400)).isNotNull();
        }
        assertThat(asked).hasSize(4);
        assertThat(asked.get(1).getWidth()).isEqualTo(FINE);
        assertThat(asked.get(1).getMaxX()).isEqualTo(69.5);
    }

    @Test
    void aSettledCellAnswersWithoutTheFinerGrid() {
        List<Envelope> asked = new ArrayList<>();
        SectorCells<String> cells = new SectorCells<>(cell -> {
            asked.add(cell);
            return new SectorCells.Answer<>(null);
        });
        assertThat(cells.answer(41.2, 69.3)).isNotNull();
        assertThat(cells.answer(41.2, 69.3).value()).isNull();
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).getWidth()).isEqualTo(COARSE);
    }
}

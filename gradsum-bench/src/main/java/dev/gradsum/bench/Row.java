package dev.gradsum.bench;

import dev.gradsum.model.Usage;
import java.util.List;

/**
 * One task of the table: its cells in column order, and what rating the prompts on the test rows cost.
 *
 * @param testRows rows of the test split
 */
public record Row(String key, String label, String data, boolean simulated, int trainRows, int validationRows,
                  int testRows, List<Cell> cells, Usage testRating) {
    public Row {
        cells = List.copyOf(cells);
    }
}

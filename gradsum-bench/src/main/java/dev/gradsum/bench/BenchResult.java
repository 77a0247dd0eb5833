package dev.gradsum.bench;

import java.util.List;

/**
 * The benchmark table: one {@link Row} per task that ran, one column per optimizer, and the tasks
 * skipped with their reasons.
 *
 * @param simulated every row ran in the simulated world (no language model)
 */
public record BenchResult(String suite, boolean simulated, BenchSettings settings, List<String> columns,
                          List<String> columnLabels, List<Row> rows, List<Skipped> skipped) {
    public BenchResult {
        columns = List.copyOf(columns);
        columnLabels = List.copyOf(columnLabels);
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }
}

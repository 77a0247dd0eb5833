package dev.gradsum.recording;

import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.OptimizationResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A run whose search returned, read back from the store's tables: everything its run folder
 * ({@code result.json}, {@code report.html}) shows. {@code SqliteStore.recorded(id)} makes it.
 *
 * @param runId       the run's id
 * @param task        the task's name
 * @param started     when the run started (millisecond precision)
 * @param description what the run was asked to do
 * @param result      what the search found
 * @param tests       the final test's per-row evaluations of the initial and the best prompt
 */
public record RecordedRun(String runId, String task, Instant started, RunDescription description,
                          OptimizationResult result, TestRows tests) {
    public RecordedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(tests, "tests");
    }

    /**
     * The final test's per-row evaluations (empty without a final test).
     *
     * @param initial the initial prompt's evaluations on the test split
     * @param best    the best prompt's evaluations on the same rows
     */
    public record TestRows(List<Evaluation> initial, List<Evaluation> best) {
        public TestRows {
            initial = List.copyOf(initial);
            best = List.copyOf(best);
        }

        /**
         * The initial and the best prompt's rows, from the rows rated per candidate id ({@code null} when a
         * candidate was not rated): when the best prompt has the initial prompt's text, the search rates it
         * once and both sides are the initial prompt's rows.
         */
        public static TestRows of(OptimizationResult result, Function<String, List<Evaluation>> byCandidate) {
            List<Evaluation> initial = byCandidate.apply(result.initial().id());
            initial = initial == null ? List.of() : initial;
            List<Evaluation> best = byCandidate.apply(result.best().id());
            if (best == null) {
                best = result.best().prompt().text().equals(result.initial().prompt().text()) ? initial : List.of();
            }
            return new TestRows(initial, best);
        }
    }
}

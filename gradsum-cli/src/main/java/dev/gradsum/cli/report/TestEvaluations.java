package dev.gradsum.cli.report;

import dev.gradsum.modules.Evaluation;
import dev.gradsum.recording.RecordedRun;
import java.util.List;

/**
 * The per-row outcome of the final test (design §2): the initial and the best prompt, each generated
 * and rated on the same test rows. The report uses it to show sample failures before and after;
 * {@code result.json} records each row's scores.
 *
 * @param initial the initial prompt's evaluations on the test split
 * @param best    the best prompt's evaluations on the same rows (matched by example id)
 */
public record TestEvaluations(List<Evaluation> initial, List<Evaluation> best) {
    public TestEvaluations {
        initial = List.copyOf(initial);
        best = List.copyOf(best);
    }

    /** The rows the store recorded for a run. */
    public static TestEvaluations of(RecordedRun.TestRows rows) {
        return new TestEvaluations(rows.initial(), rows.best());
    }

    /** No per-row outcomes known (e.g. the test split was empty). */
    public static TestEvaluations none() {
        return new TestEvaluations(List.of(), List.of());
    }

    public boolean isEmpty() {
        return initial.isEmpty() && best.isEmpty();
    }
}

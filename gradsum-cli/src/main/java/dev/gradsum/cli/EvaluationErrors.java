package dev.gradsum.cli;

import dev.gradsum.engine.SearchListener;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts answers that could not be rated (evaluation errors: a failed generation, or a judge reply that
 * was not JSON even after one retry), for the closing summary. They are left out of the scores.
 */
final class EvaluationErrors implements SearchListener {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
        for (Evaluation e : evaluations) {
            if (e.score() != null && e.score().error()) {
                count.incrementAndGet();
            }
        }
    }

    int count() {
        return count.get();
    }
}

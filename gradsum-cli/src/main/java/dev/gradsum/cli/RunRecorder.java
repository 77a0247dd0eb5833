package dev.gradsum.cli;

import dev.gradsum.OptimizationResult;
import dev.gradsum.cli.report.TestEvaluations;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.SearchListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps what the run folder and the closing summary need beyond the {@link OptimizationResult}: each
 * prompt's per-row test evaluations (sample failures before and after) and how many answers could
 * not be rated (evaluation errors, e.g. a judge reply that was not JSON twice).
 */
final class RunRecorder implements SearchListener {
    private final Map<String, List<Evaluation>> tests = new HashMap<>();
    private final AtomicInteger evaluationErrors = new AtomicInteger();

    @Override
    public synchronized void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
        for (Evaluation e : evaluations) {
            if (e.score() != null && e.score().error()) {
                evaluationErrors.incrementAndGet();
            }
        }
        if ("test".equals(purpose)) {
            tests.put(candidate.id(), List.copyOf(evaluations));
        }
    }

    int evaluationErrors() {
        return evaluationErrors.get();
    }

    synchronized TestEvaluations testEvaluations(OptimizationResult result) {
        List<Evaluation> initial = tests.get(result.initial().id());
        List<Evaluation> best = tests.get(result.best().id());
        if (initial == null || best == null) {
            return TestEvaluations.none();
        }
        return new TestEvaluations(initial, best);
    }
}

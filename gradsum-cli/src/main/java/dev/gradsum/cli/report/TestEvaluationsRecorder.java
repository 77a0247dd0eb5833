package dev.gradsum.cli.report;

import dev.gradsum.OptimizationResult;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.SearchListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens to a search for the final test's per-row evaluations, so the report can show sample
 * failures before and after. Register it with {@code GradSum.builder().listener(...)}, then pass
 * {@link #of(OptimizationResult)} to {@link RunOutputs#write(java.nio.file.Path, RunInfo,
 * OptimizationResult, TestEvaluations)}.
 */
public final class TestEvaluationsRecorder implements SearchListener {
    private static final String TEST = "test";
    private final Map<String, List<Evaluation>> byCandidate = new ConcurrentHashMap<>();

    @Override
    public void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
        if (TEST.equals(purpose)) byCandidate.put(candidate.id(), List.copyOf(evaluations));
    }

    /**
     * The initial and best prompt's test rows. When the best prompt is the initial prompt (same text),
     * the search rates it once and both sides are those rows.
     */
    public TestEvaluations of(OptimizationResult result) {
        List<Evaluation> initial = byCandidate.getOrDefault(result.initial().id(), List.of());
        List<Evaluation> best = byCandidate.get(result.best().id());
        if (best == null) {
            boolean same = result.best().prompt().text().equals(result.initial().prompt().text());
            best = same ? initial : List.of();
        }
        return new TestEvaluations(initial, best);
    }
}

package dev.gradsum.cli.report;

import dev.gradsum.engine.SearchListener;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.OptimizationResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens to a search for the final test's per-row evaluations, so the report can show sample
 * failures before and after, for a run kept in no store ({@code gradsum demo}; a stored run's rows are
 * read back from the store). Register it with {@code GradSum.builder().listener(...)}, then pass
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
        return TestEvaluations.of(RecordedRun.TestRows.of(result, byCandidate::get));
    }
}

package dev.gradsum.search;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GradSum.optimize()} found.
 *
 * @param initial    the initial prompt's candidate ({@code c0})
 * @param best       the best candidate by validation score
 * @param test       initial vs best on the test split, or {@code null} when the test split is empty
 * @param iterations one entry per iteration run
 * @param candidates every candidate considered, in creation order (the lineage: follow {@code parentId})
 * @param stopReason why the search stopped
 * @param usage      model usage per role
 * @param total      usage over all roles
 * @param elapsed    wall time
 */
public record OptimizationResult(Candidate initial, Candidate best, TestScore test, List<Iteration> iterations,
                                 List<Candidate> candidates, StopReason stopReason, Map<Role, Usage> usage,
                                 Usage total, Duration elapsed) {
    public OptimizationResult {
        iterations = List.copyOf(iterations);
        candidates = List.copyOf(candidates);
        usage = Map.copyOf(usage);
    }

    public PromptTemplate bestPrompt() {
        return best.prompt();
    }

    /**
     * A candidate's validation score: its rating in the latest iteration that rated it (parents are
     * rated again each iteration they stay in the beam, on that iteration's rows), or empty when no
     * iteration rated it.
     */
    public Optional<ScoredCandidate> validationScore(String candidateId) {
        ScoredCandidate latest = null;
        for (Iteration it : iterations) {
            for (ScoredCandidate sc : it.scored()) {
                if (sc.candidate().id().equals(candidateId)) {
                    latest = sc;
                }
            }
        }
        return Optional.ofNullable(latest);
    }
}

package dev.gradsum.engine;

import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.StopReason;
import dev.gradsum.search.TestScore;
import java.util.List;

/**
 * What {@link BeamSearch#run} found; {@code dev.gradsum.search.OptimizationResult} adds usage and time.
 *
 * @param initial    {@code c0}
 * @param best       the best candidate of the last finished iteration ({@code c0} when none finished)
 * @param test       initial vs best on the test split, or {@code null} (empty test split, or the run
 *                   was interrupted or ran out of budget before the test could be made)
 * @param iterations the iterations that finished
 * @param candidates every candidate created, in creation order
 * @param stopReason why the search stopped
 */
public record SearchOutcome(Candidate initial, Candidate best, TestScore test, List<Iteration> iterations,
                            List<Candidate> candidates, StopReason stopReason) {
    public SearchOutcome {
        iterations = List.copyOf(iterations);
        candidates = List.copyOf(candidates);
    }
}

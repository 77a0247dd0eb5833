package dev.gradsum.search;

import dev.gradsum.modules.Gradient;
import java.util.List;
import java.util.Map;

/**
 * What one iteration of the beam search did.
 *
 * @param index      1-based
 * @param trainScores beam prompt id → mean score on this iteration's training minibatch
 * @param gradients  beam prompt id → gradients of its failures
 * @param summaries  beam prompt id → summary paragraph (absent with summarize=false)
 * @param scored     parents and children on the validation rows, best first; candidates that could not
 *                   survive (stopped early by successive halving, or not significantly better than their
 *                   parent under {@code minConfidence}) come after those that could
 * @param beam       the ids kept for the next iteration, best first (with Pareto selection: the whole pool)
 * @param dropped    candidates the editor produced that were dropped, one line each
 * @param improved   whether a new candidate beat the previous best
 */
public record Iteration(int index, Map<String, Double> trainScores, Map<String, List<Gradient>> gradients,
                        Map<String, String> summaries, List<ScoredCandidate> scored, List<String> beam,
                        List<String> dropped, boolean improved) {
    public Iteration {
        trainScores = Map.copyOf(trainScores);
        gradients = Map.copyOf(gradients);
        summaries = Map.copyOf(summaries);
        scored = List.copyOf(scored);
        beam = List.copyOf(beam);
        dropped = List.copyOf(dropped);
    }

    public ScoredCandidate best() {
        return scored.get(0);
    }
}

package dev.gradsum.engine;

import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import java.util.List;

/**
 * Told of everything the search learns, as it learns it: progress displays and run stores implement
 * it. Called from the search thread; all methods default to doing nothing.
 */
public interface SearchListener {
    /** A stage begins; {@code plannedCalls} is the number of model calls it will make at most. */
    default void stageStarted(int iteration, Stage stage, int plannedCalls) {}

    default void candidateCreated(Candidate candidate) {}

    /** Rows rated for a candidate; {@code purpose} is {@code train}, {@code validation} or {@code test}. */
    default void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {}

    default void gradientsGenerated(int iteration, Candidate parent, List<Gradient> gradients) {}

    default void summarized(int iteration, Candidate parent, String summary) {}

    default void candidateDropped(int iteration, Candidate parent, String reason) {}

    default void iterationFinished(Iteration iteration) {}

    static SearchListener none() {
        return new SearchListener() {};
    }
}

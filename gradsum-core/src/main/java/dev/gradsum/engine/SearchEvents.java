package dev.gradsum.engine;

import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import java.util.List;

/** Tells every registered {@link SearchListener}, in registration order. */
final class SearchEvents implements SearchListener {
    private final List<SearchListener> listeners;

    SearchEvents(List<SearchListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void stageStarted(int iteration, Stage stage, int plannedCalls) {
        listeners.forEach(l -> l.stageStarted(iteration, stage, plannedCalls));
    }

    @Override
    public void candidateCreated(Candidate candidate) {
        listeners.forEach(l -> l.candidateCreated(candidate));
    }

    @Override
    public void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
        listeners.forEach(l -> l.evaluated(iteration, candidate, purpose, evaluations));
    }

    @Override
    public void gradientsGenerated(int iteration, Candidate parent, List<Gradient> gradients) {
        listeners.forEach(l -> l.gradientsGenerated(iteration, parent, gradients));
    }

    @Override
    public void summarized(int iteration, Candidate parent, String summary) {
        listeners.forEach(l -> l.summarized(iteration, parent, summary));
    }

    @Override
    public void candidateDropped(int iteration, Candidate parent, String reason) {
        listeners.forEach(l -> l.candidateDropped(iteration, parent, reason));
    }

    @Override
    public void iterationFinished(Iteration iteration) {
        listeners.forEach(l -> l.iterationFinished(iteration));
    }
}

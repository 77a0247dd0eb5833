package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.internal.Fanout;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;

/**
 * The minibatch gate ({@code SearchOptions.minibatchGate}): before a child is rated on the validation
 * rows, it answers its parent's training minibatch of this iteration (the same rows the parent was rated
 * on, so the comparison is paired) and goes on only when its mean there is at least its parent's. A child
 * none of whose minibatch rows could be rated does not go on; when the parent had no rated row, its
 * children go on. The answers are told to listeners as purpose {@code gate}.
 */
final class MinibatchGate {
    private final SearchModules modules;
    private final ExecutorService executor;
    private final SearchEvents events;

    MinibatchGate(SearchModules modules, ExecutorService executor, SearchEvents events) {
        this.modules = modules;
        this.executor = executor;
        this.events = events;
    }

    /** The training rows the gate will make {@code children} answer, in total (for the stage's planned calls). */
    static int rows(List<Candidate> children, Map<String, Expansion> byParent) {
        return children.stream().mapToInt(c -> byParent.get(c.parentId()).evaluations().size()).sum();
    }

    /**
     * The children that pass, in order; each that does not is told to {@code stopped} with its parent and
     * why.
     *
     * @param byParent this iteration's expansion of each parent, by the parent's id
     */
    List<Candidate> admitted(int iteration, List<Candidate> children, Map<String, Expansion> byParent,
                             BiConsumer<Candidate, String> stopped) throws InterruptedException {
        List<String> reasons = Fanout.waitForAll(executor, children, c -> check(iteration, c, byParent.get(c.parentId())));
        List<Candidate> passed = new ArrayList<>();
        for (int k = 0; k < children.size(); k++) {
            if (reasons.get(k) == null) {
                passed.add(children.get(k));
            } else {
                stopped.accept(byParent.get(children.get(k).parentId()).parent(), reasons.get(k));
            }
        }
        return passed;
    }

    /** {@code null} when {@code child} passes; else why not. */
    String check(int iteration, Candidate child, Expansion parent) {
        List<Example> rows = parent.evaluations().stream().map(e -> e.generation().example()).toList();
        List<Evaluation> answers = modules.rate(child.prompt(), rows);
        events.evaluated(iteration, child, "gate", answers);
        Double parentScore = parent.trainScore();
        Double childScore = Scores.mean(answers);
        if (parentScore == null) {
            return null;
        }
        if (childScore == null) {
            return child.id() + " stopped by the minibatch gate: none of its minibatch rows could be rated";
        }
        if (childScore < parentScore) {
            return String.format(Locale.ROOT, "%s stopped by the minibatch gate: %.3f on %s's minibatch, below its %.3f",
                    child.id(), childScore, parent.parent().id(), parentScore);
        }
        return null;
    }
}

package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The minibatch gate ({@code SearchOptions.minibatchGate}): before a child is rated on the validation
 * rows, it answers its parent's training minibatch of this iteration (the same rows the parent was rated
 * on, so the comparison is paired) and goes on only when its mean there is at least its parent's. A child
 * none of whose minibatch rows could be rated does not go on; when the parent had no rated row, its
 * children go on. The gate works per child, on the flow's threads, as soon as the editor wrote it
 * ({@link #check}), so a child that passes starts its validation at once; what listeners hear (the answers
 * as purpose {@code gate}, the children stopped) is told by the search thread, in candidate order.
 */
final class MinibatchGate {
    private final SearchModules modules;

    MinibatchGate(SearchModules modules) {
        this.modules = modules;
    }

    /** The training rows the gate will make {@code children} answer, in total (for the stage's planned calls). */
    static int rows(List<Candidate> children, Map<String, Expansion> byParent) {
        return children.stream().mapToInt(c -> byParent.get(c.parentId()).evaluations().size()).sum();
    }

    /** Makes {@code child} answer the rows of {@code parentMinibatch} and compares the two means. */
    Check check(PromptTemplate child, List<Evaluation> parentMinibatch) {
        List<Example> rows = parentMinibatch.stream().map(e -> e.generation().example()).toList();
        List<Evaluation> answers = modules.rateTraining(child, rows);
        return new Check(answers, Scores.mean(parentMinibatch), Scores.mean(answers));
    }

    /**
     * A child's answers on its parent's minibatch and the two means ({@code null}: no row rated).
     */
    record Check(List<Evaluation> answers, Double parentScore, Double childScore) {
        Check {
            answers = List.copyOf(answers);
        }

        /** Whether the child goes on to validation. */
        boolean passed() {
            return parentScore == null || childScore != null && childScore >= parentScore;
        }

        /** Why {@code child} (of {@code parentId}) did not pass; only when it did not. */
        String reason(String childId, String parentId) {
            if (childScore == null) {
                return childId + " stopped by the minibatch gate: none of its minibatch rows could be rated";
            }
            return String.format(Locale.ROOT, "%s stopped by the minibatch gate: %.3f on %s's minibatch, below its %.3f",
                    childId, childScore, parentId, parentScore);
        }
    }
}

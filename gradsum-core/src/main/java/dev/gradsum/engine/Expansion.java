package dev.gradsum.engine;

import dev.gradsum.modules.Edit;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Candidate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one beam prompt produced in one iteration, before its children compete: the minibatch ratings,
 * the gradients of its failures, their summary (with summarize=true), the editor's candidates, and a
 * note when a module call failed for good (then it has no children).
 *
 * @param parent      the beam prompt
 * @param evaluations its answers on the training minibatch, rated
 * @param gradients   one per failure (empty when nothing failed)
 * @param summary     the summary paragraph, or {@code null} (summarize=false, or no gradients)
 * @param edit        the editor's result, or {@code null} when the editor was not called
 * @param note        why a module call failed for this prompt, or {@code null}
 */
record Expansion(Candidate parent, List<Evaluation> evaluations, List<Gradient> gradients, String summary,
                 Edit edit, String note) {
    Expansion {
        evaluations = List.copyOf(evaluations);
        gradients = List.copyOf(gradients);
    }

    /** The feedback its children were edited from: the summary, or the raw gradients joined. */
    String feedback() {
        if (summary != null) {
            return summary;
        }
        return gradients.stream().map(Gradient::text).collect(Collectors.joining("\n\n"));
    }

    /** Mean score over rated minibatch rows, or {@code null} when no row could be rated. */
    Double trainScore() {
        return Scores.mean(evaluations);
    }
}

package dev.gradsum.engine;

import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.StopReason;
import java.util.List;

/**
 * When the search has nothing left to learn ({@link StopReason#NOTHING_TO_LEARN}): after an iteration,
 * its best prompt scored 1.0 on every validation row (none unrated), and it was a beam prompt of that
 * iteration whose training minibatch (at least one row rated) produced no gradient. No gradient means no
 * edit, so further iterations could only redraw the minibatch; a best prompt that is new this iteration
 * has not run on a minibatch yet, so the search goes on.
 */
final class NothingToLearn {
    private NothingToLearn() {
    }

    static boolean after(Iteration iteration) {
        ScoredCandidate best = iteration.best();
        String id = best.candidate().id();
        List<Gradient> gradients = iteration.gradients().get(id);
        return best.errors() == 0 && best.rated() > 0 && best.score() >= 1.0
                && iteration.trainScores().containsKey(id)
                && gradients != null && gradients.isEmpty();
    }
}

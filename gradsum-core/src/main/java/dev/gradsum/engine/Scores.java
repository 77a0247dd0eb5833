package dev.gradsum.engine;

import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.ScoredCandidate;
import java.util.List;

/**
 * Means over rated rows: evaluation errors are excluded and counted, never a silent 0 or 1. The one rule
 * for a score, used by the search and by {@code GradSum.evaluate}.
 */
public final class Scores {
    private Scores() {
    }

    /** The mean over rows without an evaluation error, or {@code null} when there are none. */
    public static Double mean(List<Evaluation> evaluations) {
        double sum = 0;
        int rated = 0;
        for (Evaluation e : evaluations) {
            if (!e.score().error()) {
                sum += e.score().value();
                rated++;
            }
        }
        return rated == 0 ? null : sum / rated;
    }

    public static int errors(List<Evaluation> evaluations) {
        return (int) evaluations.stream().filter(e -> e.score().error()).count();
    }

    /** Rows that failed (rated, not passed): the ones that get gradients. */
    static int failures(List<Evaluation> evaluations) {
        return (int) evaluations.stream().filter(e -> !e.score().error() && !e.score().passed()).count();
    }

    /** The candidate's score; with no rated row it has none ({@code NaN}, see {@link ScoredCandidate}). */
    static ScoredCandidate scored(Candidate candidate, List<Evaluation> evaluations) {
        Double mean = mean(evaluations);
        int errors = errors(evaluations);
        return new ScoredCandidate(candidate, mean == null ? Double.NaN : mean, evaluations.size() - errors, errors);
    }
}

package dev.gradsum.engine;

import dev.gradsum.search.ScoredCandidate;
import java.util.Comparator;

/**
 * The order in which candidates compete for the beam: higher mean validation score first; a candidate
 * with no rated row last; on a tie the shorter prompt, then the older candidate (created first).
 */
final class Ranking {
    private Ranking() {
    }

    static final Comparator<ScoredCandidate> BEST_FIRST = Comparator
            .comparing((ScoredCandidate s) -> s.rated() == 0)
            .thenComparing(ScoredCandidate::score, Comparator.reverseOrder())
            .thenComparingInt(s -> s.candidate().prompt().text().length())
            .thenComparingLong(s -> age(s.candidate().id()));

    /** Creation order: the search names candidates {@code c0}, {@code c1}, ... as it creates them. */
    static long age(String candidateId) {
        return Long.parseLong(candidateId.substring(1));
    }
}

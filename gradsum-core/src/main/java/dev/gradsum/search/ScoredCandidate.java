package dev.gradsum.search;

/**
 * A candidate's score on one iteration's validation rows (the same rows for every candidate of that
 * iteration, so the comparison is paired).
 *
 * <p>A candidate none of whose rows could be rated has no score: {@code score} is {@code NaN}, never a
 * stand-in 0, and the search ranks it below every candidate with a rated row.
 *
 * @param score  mean score over rated rows; {@code NaN} when {@code rated == 0} (set so by the constructor)
 * @param rated  rows rated (evaluation errors are excluded and counted in {@code errors})
 * @param errors rows that could not be rated
 */
public record ScoredCandidate(Candidate candidate, double score, int rated, int errors) {
    public ScoredCandidate {
        if (rated == 0) {
            score = Double.NaN;
        }
    }

    /** Whether at least one row was rated, so {@link #score()} is a number. */
    public boolean hasScore() {
        return rated > 0;
    }
}

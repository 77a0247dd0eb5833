package dev.gradsum.search;

/**
 * A candidate's score on one iteration's validation rows (the same rows for every candidate of that
 * iteration, so the comparison is paired).
 *
 * @param score  mean score over rated rows
 * @param rated  rows rated (evaluation errors are excluded and counted in {@code errors})
 * @param errors rows that could not be rated
 */
public record ScoredCandidate(Candidate candidate, double score, int rated, int errors) {
}

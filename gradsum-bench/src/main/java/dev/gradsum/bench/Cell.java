package dev.gradsum.bench;

import dev.gradsum.model.Usage;

/**
 * One optimizer on one task: the test score of the prompt it returned, and what its search spent.
 *
 * @param optimizer  the column's key
 * @param test       the returned prompt's score on the test rows
 * @param usage      the search's calls, tokens and cost (the test rating is not included)
 * @param elapsedMs  the search's wall time
 * @param stopReason why the search stopped
 * @param bestPrompt the prompt it returned
 */
public record Cell(String optimizer, MeanInterval test, Usage usage, long elapsedMs, String stopReason,
                   String bestPrompt) {
}

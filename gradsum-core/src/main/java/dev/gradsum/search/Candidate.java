package dev.gradsum.search;

import dev.gradsum.data.PromptTemplate;

/**
 * A prompt the search has considered.
 *
 * @param id        stable within a run: {@code c0} is the initial prompt, then {@code c1}, {@code c2}, ...
 * @param prompt    the prompt
 * @param parentId  the beam prompt it was edited from, or {@code null} for the initial prompt
 * @param iteration the iteration that created it (0 for the initial prompt)
 * @param feedback  the summary (or, with summarize=false, the joined raw gradients) that produced it
 */
public record Candidate(String id, PromptTemplate prompt, String parentId, int iteration, String feedback) {
}

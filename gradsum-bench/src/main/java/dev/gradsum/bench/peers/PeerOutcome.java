package dev.gradsum.bench.peers;

import dev.gradsum.data.PromptTemplate;

/**
 * What a peer method's search found.
 *
 * @param best       the prompt it returns
 * @param rounds     rounds finished
 * @param candidates distinct prompts considered (the initial one included)
 * @param dropped    candidates dropped because they lost or invented a placeholder
 * @param stopReason {@code completed} or {@code budget}
 */
public record PeerOutcome(PromptTemplate best, int rounds, int candidates, int dropped, String stopReason) {
}

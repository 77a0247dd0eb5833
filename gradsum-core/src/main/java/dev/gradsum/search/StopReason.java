package dev.gradsum.search;

/** Why a search stopped. */
public enum StopReason {
    /** All configured iterations ran. */
    COMPLETED,
    /** No candidate beat the beam for {@code patience} iterations. */
    NO_IMPROVEMENT,
    /** A budget limit (usd, calls, tokens) would have been crossed. */
    BUDGET,
    /** The user interrupted the run (Ctrl-C) or the thread was interrupted. */
    INTERRUPTED,
    /**
     * Nothing was left to learn: the best prompt passed every validation row (score 1.0 on each, none
     * unrated) and its training minibatch produced no gradient, so no edit could follow. Switched off
     * with {@code SearchOptions.stopWhenLearned(false)}.
     */
    NOTHING_TO_LEARN
}

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
    INTERRUPTED
}

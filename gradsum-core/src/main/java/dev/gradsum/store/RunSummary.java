package dev.gradsum.store;

import java.time.Instant;

/**
 * One line of {@code gradsum runs}.
 *
 * @param bestScore     best validation score seen so far, or {@code null} before the first iteration ends
 * @param costUsd       money spent by the run over all its attempts on models with a known price (cache
 *                      hits are free)
 * @param paidCalls     calls the run paid for over all its attempts
 * @param unpricedCalls of those, calls to a model without a known price: their cost is unknown, not 0
 */
public record RunSummary(String id, String task, Instant started, RunStatus status, Double bestScore, double costUsd,
                         long paidCalls, long unpricedCalls) {
    /** A run whose every paid call went to a priced model (the default for runs before prices were tracked). */
    public RunSummary(String id, String task, Instant started, RunStatus status, Double bestScore, double costUsd) {
        this(id, task, started, status, bestScore, costUsd, 0, 0);
    }

    /** Whether some of its cost is unknown (a model without a price was paid for). */
    public boolean costUnknown() {
        return unpricedCalls > 0;
    }
}

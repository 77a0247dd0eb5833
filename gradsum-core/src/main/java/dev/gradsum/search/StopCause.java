package dev.gradsum.search;

import dev.gradsum.llm.BudgetExceededException;
import java.util.Optional;

/**
 * Finds, in a failure thrown by a stage, whether the search should stop cleanly: a budget limit
 * ({@link StopReason#BUDGET}) or an interruption ({@link StopReason#INTERRUPTED}), however deeply
 * the modules or the executor wrapped it.
 */
final class StopCause {
    private StopCause() {
    }

    static Optional<StopReason> of(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof BudgetExceededException) {
                return Optional.of(StopReason.BUDGET);
            }
            if (t instanceof InterruptedException) {
                return Optional.of(StopReason.INTERRUPTED);
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof BudgetExceededException) {
                    return Optional.of(StopReason.BUDGET);
                }
            }
        }
        return Optional.empty();
    }
}

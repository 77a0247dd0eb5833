package dev.gradsum.engine;

import dev.gradsum.internal.Causes;
import dev.gradsum.llm.BudgetExceededException;
import dev.gradsum.search.StopReason;
import java.util.Optional;

/**
 * Finds, in a failure thrown by a stage, whether the search should stop cleanly: a budget limit
 * ({@link StopReason#BUDGET}) or an interruption ({@link StopReason#INTERRUPTED}), however deeply
 * the modules or the executor wrapped it. A budget limit also counts when it is suppressed by a
 * member of the chain (a stage that waited for all its pieces keeps their other failures there).
 * The outermost member that says either decides.
 */
final class StopCause {
    private StopCause() {
    }

    static Optional<StopReason> of(Throwable failure) {
        for (Throwable t : Causes.chain(failure)) {
            if (t instanceof BudgetExceededException) {
                return Optional.of(StopReason.BUDGET);
            }
            if (t instanceof InterruptedException) {
                return Optional.of(StopReason.INTERRUPTED);
            }
            if (Causes.suppresses(t, BudgetExceededException.class)) {
                return Optional.of(StopReason.BUDGET);
            }
        }
        return Optional.empty();
    }
}

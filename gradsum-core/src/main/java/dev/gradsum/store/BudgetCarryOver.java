package dev.gradsum.store;

import dev.gradsum.llm.Budget;
import dev.gradsum.llm.Usage;

/**
 * Keeps a budget across a crash: a resumed run may spend only what its earlier attempts left. Cached
 * replays of their calls are free, so the resumed run stops at the same point the uninterrupted run
 * would have.
 */
public final class BudgetCarryOver {
    private BudgetCarryOver() {
    }

    /** {@code budget} less {@code spent} (never below zero); unlimited parts stay unlimited. */
    public static Budget remaining(Budget budget, Usage spent) {
        return new Budget(
                budget.usd() == null ? null : Math.max(0, budget.usd() - spent.costUsd()),
                budget.calls() == null ? null : Math.max(0, budget.calls() - spent.calls()),
                budget.tokens() == null ? null : Math.max(0, budget.tokens() - spent.totalTokens()));
    }
}

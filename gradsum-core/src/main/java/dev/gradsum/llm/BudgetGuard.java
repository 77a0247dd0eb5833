package dev.gradsum.llm;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Usage;
import java.util.Locale;

/**
 * Step 1 of a paid call: refuses it when the {@link Budget} is spent. Calls in flight are reserved
 * against the call limit, so concurrent callers together never exceed it; token and USD limits are
 * checked against what is spent (a call's size is unknown before it returns, so a run can overshoot
 * them by at most the calls in flight).
 */
final class BudgetGuard {
    private final Budget budget;
    private final UsageAccount account;
    private long inFlight;

    BudgetGuard(Budget budget, UsageAccount account) {
        this.budget = budget;
        this.account = account;
    }

    /** Reserves one call; pair with {@link #release()}. */
    synchronized void reserve() {
        Usage spent = account.total();
        if (budget.calls() != null && spent.calls() + inFlight >= budget.calls()) {
            throw new BudgetExceededException(String.format(Locale.ROOT,
                    "budget.calls limit of %d calls reached: %d calls spent, %d in flight",
                    budget.calls(), spent.calls(), inFlight));
        }
        if (budget.tokens() != null && spent.totalTokens() >= budget.tokens()) {
            throw new BudgetExceededException(String.format(Locale.ROOT,
                    "budget.tokens limit of %d tokens reached: %d tokens spent%s",
                    budget.tokens(), spent.totalTokens(), spent.tokensEstimated() ? " (some estimated)" : ""));
        }
        if (budget.usd() != null && spent.costUsd() >= budget.usd()) {
            throw new BudgetExceededException(String.format(Locale.ROOT,
                    "budget.usd limit of $%.2f reached: $%.4f spent", budget.usd(), spent.costUsd()));
        }
        inFlight++;
    }

    /** Ends a reservation; call after the call's usage is in the account. */
    synchronized void release() {
        inFlight--;
    }

    synchronized long inFlight() {
        return inFlight;
    }
}

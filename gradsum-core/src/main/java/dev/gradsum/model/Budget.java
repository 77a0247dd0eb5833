package dev.gradsum.model;

import dev.gradsum.exception.ConfigurationException;

/**
 * Spending limits of one run; {@code null} means no limit. A call that would cross a limit is not
 * made: {@code BudgetExceededException} is thrown and the search stops at a safe point.
 */
public record Budget(Double usd, Long calls, Long tokens) {
    public static Budget unlimited() {
        return new Budget(null, null, null);
    }

    /** Whether this budget loosens some limit of {@code before} (a {@code null} limit is no limit). */
    public boolean loosens(Budget before) {
        return looser(usd, before.usd) || looser(calls, before.calls) || looser(tokens, before.tokens);
    }

    /** Whether a run that already spent {@code spent} may make another call under this budget. */
    public boolean leavesRoom(Usage spent) {
        return (usd == null || spent.costUsd() < usd)
                && (calls == null || spent.calls() < calls)
                && (tokens == null || spent.totalTokens() < tokens);
    }

    private static <T extends Comparable<T>> boolean looser(T now, T before) {
        return before != null && (now == null || now.compareTo(before) > 0);
    }

    public Budget {
        if (usd != null && usd < 0) throw new ConfigurationException("budget.usd must be >= 0, was " + usd);
        if (calls != null && calls < 0) throw new ConfigurationException("budget.calls must be >= 0, was " + calls);
        if (tokens != null && tokens < 0) throw new ConfigurationException("budget.tokens must be >= 0, was " + tokens);
    }
}

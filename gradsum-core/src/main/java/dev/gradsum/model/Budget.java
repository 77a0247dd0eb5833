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

    public Budget {
        if (usd != null && usd < 0) throw new ConfigurationException("budget.usd must be >= 0, was " + usd);
        if (calls != null && calls < 0) throw new ConfigurationException("budget.calls must be >= 0, was " + calls);
        if (tokens != null && tokens < 0) throw new ConfigurationException("budget.tokens must be >= 0, was " + tokens);
    }
}

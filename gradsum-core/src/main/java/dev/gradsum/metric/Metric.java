package dev.gradsum.metric;

import dev.gradsum.task.Example;

/**
 * Rates one answer of the target model for one example (paper: evaluation). Programmatic metrics are
 * cheap and exact; the LLM judge ({@link LlmJudge}) rates against criteria in plain language.
 * Implementations are thread-safe.
 */
public interface Metric {
    /** Short name shown in reports, e.g. {@code exact(answer)}. */
    String name();

    /** Rates {@code output}, the target model's answer to {@code example}. Never throws for a bad answer. */
    Score score(Example example, String output);

    /**
     * The data field holding the expected answer this metric compares against (e.g. {@code answer}
     * for {@code exact(answer)}), or {@code null} when it has none. The gradient model is shown it.
     */
    default String expectedField() {
        return null;
    }
}

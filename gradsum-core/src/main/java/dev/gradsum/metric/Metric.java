package dev.gradsum.metric;

import dev.gradsum.data.Example;

/**
 * Rates one answer of the target model for one example (paper: evaluation). Programmatic metrics are
 * cheap and exact; the LLM judge (the task's criteria, rated by the evaluation module) rates against criteria in plain language.
 * Implementations are thread-safe.
 *
 * <p>The programmatic metrics compare the output with the expected answer held in a field of the
 * example and explain themselves in a short reason such as {@code expected 42, got 41}, which the
 * gradient module reads. A missing expected field gives an error {@link Score} naming the field, never
 * an exception, so one bad row is reported instead of ending a run.
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

    /**
     * Passes when the output equals the expected answer after normalising both: trimmed, case ignored,
     * runs of whitespace collapsed, surrounding quotes and a trailing period removed.
     */
    static Metric exact(String field) {
        return new ExactMatch(field);
    }

    /**
     * Passes when the output's final number equals the expected number within 1e-6. The final number is
     * the first number after the last {@code ####}, else inside the last {@code \boxed{}}, else after the
     * last "answer is" / "Answer:", else the last number in the text. Thousands separators, {@code $},
     * {@code %} and trailing zeros do not matter; the expected value is read the same way, so
     * {@code "5,600"} and a rationale ending in {@code "#### 18"} both work.
     */
    static Metric numeric(String field) {
        return new NumericMatch(field);
    }

    /**
     * Passes when the output's choice letter (A-J) is the expected one. The expected value is a letter
     * or a 0-based index ({@code "2"} means C). The output's letter is the one after an answer cue
     * ({@code Answer: (C)}, {@code the answer is B.}), else the whole output when it is one letter,
     * else the last standalone letter (English "A" and "I" in a sentence are not counted).
     */
    static Metric choice(String field) {
        return new ChoiceMatch(field);
    }

    /** Passes when the normalised expected answer (as for {@link #exact}) occurs in the normalised output. */
    static Metric contains(String field) {
        return new ContainsMatch(field);
    }

    /** Passes when {@code pattern} (Java regex syntax) is found somewhere in the output. */
    static Metric regex(String pattern) {
        return new RegexMatch(null, pattern);
    }

    /**
     * Finds {@code pattern} in the output and passes when its first group (or the whole match when the
     * pattern has no group) equals the expected answer in {@code field}, normalised as for {@link #exact}.
     */
    static Metric regex(String field, String pattern) {
        return new RegexMatch(field, pattern);
    }
}

package dev.gradsum.modules;

import dev.gradsum.data.Example;

/**
 * The target model's answer to one example.
 *
 * @param example the row
 * @param input   the prompt filled in with the row, as sent
 * @param output  the answer ("" when {@code error} or {@code refusal})
 * @param error   why the call failed for good, or {@code null}
 * @param refusal why the model (or a content filter) refused to answer, or {@code null}; a refusal is an
 *                answer that failed (score 0), not a failed call
 */
public record Generation(Example example, String input, String output, String error, String refusal) {
    /** A generation that was not refused. */
    public Generation(Example example, String input, String output, String error) {
        this(example, input, output, error, null);
    }

    public boolean failed() {
        return error != null;
    }

    public boolean refused() {
        return refusal != null;
    }
}

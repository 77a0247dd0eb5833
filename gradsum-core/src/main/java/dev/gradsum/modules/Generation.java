package dev.gradsum.modules;

import dev.gradsum.data.Example;

/**
 * The target model's answer to one example.
 *
 * @param example the row
 * @param input   the prompt filled in with the row, as sent
 * @param output  the answer ("" when {@code error})
 * @param error   why the call failed for good, or {@code null}
 */
public record Generation(Example example, String input, String output, String error) {
    public boolean failed() {
        return error != null;
    }
}

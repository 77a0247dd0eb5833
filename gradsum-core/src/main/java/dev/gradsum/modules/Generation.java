package dev.gradsum.modules;

import dev.gradsum.data.Example;

/**
 * The target model's answer to one example.
 *
 * @param example   the row
 * @param input     the prompt filled in with the row, as sent (a chat prompt's conversation as a transcript,
 *                  {@link dev.gradsum.data.PromptTemplate.Conversation#transcript()})
 * @param output    the answer, without reasoning ("" when {@code error} or {@code refusal})
 * @param reasoning the reasoning the model showed before answering ("" when none); kept for the record
 *                  (store, report), never scored, never shown to the optimizer models
 * @param error     why the call failed for good, or {@code null}
 * @param refusal   why the model (or a content filter) refused to answer, or {@code null}; a refusal is
 *                  an answer that failed (score 0), not a failed call
 */
public record Generation(Example example, String input, String output, String reasoning, String error, String refusal) {
    public Generation {
        reasoning = reasoning == null ? "" : reasoning;
    }

    /** A generation without reasoning that was not refused. */
    public Generation(Example example, String input, String output, String error) {
        this(example, input, output, "", error, null);
    }

    public boolean failed() {
        return error != null;
    }

    public boolean refused() {
        return refusal != null;
    }
}

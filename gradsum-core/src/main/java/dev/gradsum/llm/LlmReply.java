package dev.gradsum.llm;

import java.util.Objects;

/**
 * The answer to one {@link LlmRequest}, with the model's reasoning kept apart: every module reads
 * {@link #text()} only, so a score, a prompt or a gradient never comes from reasoning.
 *
 * @param text         the model's answer, without any reasoning ({@code <think>} blocks and provider
 *                     reasoning fields are taken out on the call path, see {@code ThinkingText})
 * @param reasoning    the reasoning the model showed before answering ("" when none); kept for the
 *                     record, never read by a module
 * @param inputTokens  input tokens reported by the provider (0 if unknown)
 * @param outputTokens output tokens reported by the provider (0 if unknown)
 * @param cached       true when answered from the call cache (no money spent)
 */
public record LlmReply(String text, String reasoning, long inputTokens, long outputTokens, boolean cached) {
    public LlmReply {
        Objects.requireNonNull(text, "text");
        reasoning = reasoning == null ? "" : reasoning;
    }

    /** A reply without reasoning. */
    public LlmReply(String text, long inputTokens, long outputTokens, boolean cached) {
        this(text, "", inputTokens, outputTokens, cached);
    }

    public LlmReply asCached() {
        return new LlmReply(text, reasoning, inputTokens, outputTokens, true);
    }
}

package dev.gradsum.llm;

import java.util.Objects;

/**
 * The answer to one {@link LlmRequest}.
 *
 * @param text         the model's text
 * @param inputTokens  input tokens reported by the provider (0 if unknown)
 * @param outputTokens output tokens reported by the provider (0 if unknown)
 * @param cached       true when answered from the call cache (no money spent)
 */
public record LlmReply(String text, long inputTokens, long outputTokens, boolean cached) {
    public LlmReply {
        Objects.requireNonNull(text, "text");
    }

    public LlmReply asCached() {
        return new LlmReply(text, inputTokens, outputTokens, true);
    }
}

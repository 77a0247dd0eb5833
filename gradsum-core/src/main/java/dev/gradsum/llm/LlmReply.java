package dev.gradsum.llm;

import java.util.Objects;

/**
 * The answer to one {@link LlmRequest}.
 *
 * @param text         the model's text
 * @param inputTokens  input tokens reported by the provider (0 if unknown)
 * @param outputTokens output tokens reported by the provider (0 if unknown)
 * @param cached       true when answered from the call cache (no money spent)
 * @param replayed     true for a cached answer that replays a request an earlier attempt of this run made
 *                     (a resumed run): it was counted by that attempt and is not counted again
 */
public record LlmReply(String text, long inputTokens, long outputTokens, boolean cached, boolean replayed) {
    public LlmReply {
        Objects.requireNonNull(text, "text");
    }

    /** A reply that replays nothing. */
    public LlmReply(String text, long inputTokens, long outputTokens, boolean cached) {
        this(text, inputTokens, outputTokens, cached, false);
    }

    public LlmReply asCached() {
        return new LlmReply(text, inputTokens, outputTokens, true, false);
    }

    /** This reply as the replay of an earlier attempt's request. */
    public LlmReply asReplayed() {
        return new LlmReply(text, inputTokens, outputTokens, true, true);
    }
}

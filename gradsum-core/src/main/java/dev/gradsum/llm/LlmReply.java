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
 * @param replayed     true for a cached answer that replays a request an earlier attempt of this run made
 *                     (a resumed run): it was counted by that attempt and is not counted again
 */
public record LlmReply(String text, String reasoning, long inputTokens, long outputTokens, boolean cached,
                       boolean replayed) {
    public LlmReply {
        Objects.requireNonNull(text, "text");
        reasoning = reasoning == null ? "" : reasoning;
    }

    /** A reply without reasoning that replays nothing. */
    public LlmReply(String text, long inputTokens, long outputTokens, boolean cached) {
        this(text, "", inputTokens, outputTokens, cached, false);
    }

    /** A reply that replays nothing. */
    public LlmReply(String text, String reasoning, long inputTokens, long outputTokens, boolean cached) {
        this(text, reasoning, inputTokens, outputTokens, cached, false);
    }

    public LlmReply asCached() {
        return new LlmReply(text, reasoning, inputTokens, outputTokens, true, false);
    }

    /** This reply as the replay of an earlier attempt's request. */
    public LlmReply asReplayed() {
        return new LlmReply(text, reasoning, inputTokens, outputTokens, true, true);
    }
}

package dev.gradsum.llm;

import dev.gradsum.model.Role;
import java.util.Objects;

/**
 * A call the provider answered with something that is not an answer: cut at the output-token limit,
 * empty, or refused. It is a failed call (an {@link LlmException}): never cached, counted as a failure
 * of its role (with the tokens it cost), and told to {@link CallListener#onUnusableReply}. The text that
 * did come back stays on {@link #reply()} for the one caller that can use part of it (the editor keeps
 * the complete prompts of a cut answer); every other caller treats it as any failed call, except that
 * the target's refusals count as failed answers in the score.
 */
public final class UnusableReplyException extends LlmException {
    /** What made the reply unusable. */
    public enum Kind {
        /** Cut at the output-token limit (finish reason {@code length}, {@code max_tokens}). */
        TRUNCATED,
        /** No answer text at all (a reasoning model may have spent its budget thinking). */
        EMPTY,
        /** Refused by the model or a content filter ({@code refusal}, {@code content_filter}, Gemini {@code SAFETY}). */
        REFUSED
    }

    private final Role role;
    private final Kind kind;
    private final LlmReply reply;
    private final Integer maxTokens;

    /**
     * @param reply     what did come back (its text is the answer part, possibly cut, possibly "")
     * @param maxTokens the model's output-token limit when it has one set, else {@code null}
     * @param detail    the provider's words (a refusal's text), or {@code null}
     */
    UnusableReplyException(String who, Role role, Kind kind, LlmReply reply, Integer maxTokens, String detail) {
        super(who + ": " + describe(kind, maxTokens, detail), null);
        this.role = Objects.requireNonNull(role, "role");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reply = Objects.requireNonNull(reply, "reply");
        this.maxTokens = maxTokens;
    }

    private static String describe(Kind kind, Integer maxTokens, String detail) {
        return switch (kind) {
            case TRUNCATED -> "answer cut at the output-token limit"
                    + (maxTokens == null ? " (the model's default)" : " (max tokens " + maxTokens + ")");
            case EMPTY -> "empty answer" + (detail == null ? "" : " (" + detail + ")");
            case REFUSED -> "refused" + (detail == null || detail.isBlank() ? "" : ": " + detail.strip());
        };
    }

    public Role role() {
        return role;
    }

    public Kind kind() {
        return kind;
    }

    /** The text that came back, without reasoning; for {@link Kind#TRUNCATED} the part before the cut. */
    public LlmReply reply() {
        return reply;
    }

    /** The output-token limit set on the model, or {@code null} when it runs on the provider's default. */
    public Integer maxTokens() {
        return maxTokens;
    }
}

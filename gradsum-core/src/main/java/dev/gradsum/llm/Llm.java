package dev.gradsum.llm;

/**
 * One model in one role, reached through the single call path of gradsum:
 * budget check → cache lookup → concurrency limit per provider → call with timeout → retry with
 * exponential backoff and jitter on 429/5xx/timeouts (honouring Retry-After) → reply stored in the
 * cache before it is returned → usage and cost added to the run's account. Thread-safe.
 * Made by {@link CallPath#llm(Role, dev.langchain4j.model.chat.ChatModel)}.
 */
public final class Llm {
    /** @throws LlmException when the call failed for good; {@link BudgetExceededException} when a limit would be crossed */
    public LlmReply chat(LlmRequest request) {
        throw new UnsupportedOperationException("todo");
    }

    public Role role() {
        throw new UnsupportedOperationException("todo");
    }

    /** Provider name (e.g. {@code OPEN_AI}, {@code OTHER}) used for the cache key and the concurrency limit. */
    public String provider() {
        throw new UnsupportedOperationException("todo");
    }

    public String modelName() {
        throw new UnsupportedOperationException("todo");
    }
}

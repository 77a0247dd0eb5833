package dev.gradsum.llm;

import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.Map;

/**
 * The pieces shared by every {@link Llm} of one run: call cache, per-provider concurrency limits,
 * retry policy, timeout, sleeper (a seam tests replace), usage account, price table and budget.
 */
public final class CallPath {
    public static Builder builder() {
        throw new UnsupportedOperationException("todo");
    }

    /** An {@link Llm} for {@code role} backed by {@code model}. */
    public Llm llm(Role role, ChatModel model) {
        throw new UnsupportedOperationException("todo");
    }

    /** Usage so far per role (roles with no calls are absent). */
    public Map<Role, Usage> usage() {
        throw new UnsupportedOperationException("todo");
    }

    /** Usage so far over all roles. */
    public Usage total() {
        throw new UnsupportedOperationException("todo");
    }

    public static final class Builder {
        public Builder cache(CallCache cache) { throw new UnsupportedOperationException("todo"); }
        /** Most calls in flight per provider (default 8). */
        public Builder maxConcurrency(int max) { throw new UnsupportedOperationException("todo"); }
        /** Override for one provider name (e.g. {@code OPEN_AI}). */
        public Builder maxConcurrency(String provider, int max) { throw new UnsupportedOperationException("todo"); }
        public Builder retryPolicy(RetryPolicy policy) { throw new UnsupportedOperationException("todo"); }
        /** Per-attempt timeout (default 120 s). */
        public Builder timeout(Duration timeout) { throw new UnsupportedOperationException("todo"); }
        public Builder sleeper(Sleeper sleeper) { throw new UnsupportedOperationException("todo"); }
        public Builder pricing(Pricing pricing) { throw new UnsupportedOperationException("todo"); }
        public Builder budget(Budget budget) { throw new UnsupportedOperationException("todo"); }
        /** Told of every finished call (progress display, stores). */
        public Builder listener(CallListener listener) { throw new UnsupportedOperationException("todo"); }
        /** Seed for backoff jitter. */
        public Builder seed(long seed) { throw new UnsupportedOperationException("todo"); }
        public CallPath build() { throw new UnsupportedOperationException("todo"); }
    }
}

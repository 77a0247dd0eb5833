package dev.gradsum.llm;

import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;

/** Told of every finished call on the {@link Llm} path; must be fast and thread-safe. */
@FunctionalInterface
public interface CallListener {
    /** @param total usage of the whole run after this call */
    void onCall(Role role, LlmReply reply, Usage total);

    /** Told of a reply that was no answer (cut, empty or refused); it counts as a failed call. */
    default void onUnusableReply(UnusableReplyException failure) {
    }

    /** Told where a model's provider batches stand, at each change ({@link BatchQueue}). */
    default void onBatchProgress(BatchProgress progress) {
    }
}

package dev.gradsum.llm;

import java.util.Optional;

/**
 * A cache that never answers: {@link CallCache#writeOnly} stores into {@code target};
 * {@link CallCache#none()} is the one with no target, which keeps nothing.
 *
 * @param target where fresh replies are stored, or {@code null} to keep none
 */
record WriteOnlyCallCache(CallCache target) implements CallCache {
    static final WriteOnlyCallCache NONE = new WriteOnlyCallCache(null);

    @Override
    public Optional<LlmReply> get(String key) {
        return Optional.empty();
    }

    @Override
    public boolean answers() {
        return false;
    }

    @Override
    public void put(String key, CallRecord record) {
        if (target != null) {
            target.put(key, record);
        }
    }
}

package dev.gradsum.llm;

import java.util.Optional;

/** {@link CallCache#none()}: every lookup misses, nothing is kept. */
enum NoCallCache implements CallCache {
    INSTANCE;

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
        // remembers nothing by design
    }
}

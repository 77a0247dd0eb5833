package dev.gradsum.llm;

import java.util.Objects;
import java.util.Optional;

/** {@link CallCache#writeOnly}: stores into {@code target}, never answers from it. */
record WriteOnlyCallCache(CallCache target) implements CallCache {
    WriteOnlyCallCache {
        Objects.requireNonNull(target, "target");
    }

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
        target.put(key, record);
    }
}

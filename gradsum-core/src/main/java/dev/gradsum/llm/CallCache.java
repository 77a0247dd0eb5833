package dev.gradsum.llm;

import java.util.Optional;

/**
 * Answers identical requests without paying twice. The key is the SHA-256 of the canonical request
 * (provider, model, messages, parameters, sample index) and of the model's own settings ({@code CacheKey}),
 * never the API key or base URL. A persistent
 * implementation (SQLite) makes reruns and resumed runs free. Implementations are thread-safe.
 */
public interface CallCache {
    Optional<LlmReply> get(String key);

    /**
     * Like {@link #get(String)}, told who asks what: a recording cache ({@link RecordingCallCache}) writes
     * the answered call down, a replaying one ({@link ReplayCallCache}) names the role and the prompt when
     * it has no answer. The call path ({@code Llm}) always asks this way.
     */
    default Optional<LlmReply> get(String key, Asked asked) {
        return get(key);
    }

    /** Who asks a cache what: the role, the model's provider and name, and the request. */
    record Asked(dev.gradsum.model.Role role, String provider, String model, LlmRequest request) {
    }

    /** Stores the reply; called before the reply is used, so nothing paid for is lost. */
    void put(String key, CallRecord record);

    /**
     * Whether {@link #get} can ever answer. False for {@link #none()} and {@link #writeOnly}: then identical
     * requests in flight at the same time are each sent, never shared.
     */
    default boolean answers() {
        return true;
    }

    /** A cache that remembers nothing. */
    static CallCache none() {
        return WriteOnlyCallCache.NONE;
    }

    /**
     * {@code cache} written but never read: every fresh reply is still stored in it (so a later run or
     * resume can use it), but no request is answered from it (every call is sent again).
     */
    static CallCache writeOnly(CallCache cache) {
        return new WriteOnlyCallCache(java.util.Objects.requireNonNull(cache, "cache"));
    }

    /**
     * {@code cache}, with every answered call (from {@code cache} or from the model) also written to
     * {@code file} when {@link RecordingCallCache#close closed} (docs/recordings.md).
     */
    static RecordingCallCache recording(CallCache cache, java.nio.file.Path file) {
        return new RecordingCallCache(java.util.Objects.requireNonNull(cache, "cache"), file);
    }

    /**
     * Answers only from the recording {@code file}; a request it has no answer for stops the run
     * ({@link RecordingMissException}).
     */
    static CallCache replaying(java.nio.file.Path file) {
        return ReplayCallCache.load(file);
    }

    /** A cache in memory, for one process. */
    static CallCache inMemory() {
        return new InMemoryCallCache();
    }
}

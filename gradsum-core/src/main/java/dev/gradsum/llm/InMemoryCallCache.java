package dev.gradsum.llm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A call cache for one process: replies by key in a concurrent map. */
final class InMemoryCallCache implements CallCache {
    private final Map<String, LlmReply> replies = new ConcurrentHashMap<>();

    @Override
    public Optional<LlmReply> get(String key) {
        return Optional.ofNullable(replies.get(key));
    }

    @Override
    public void put(String key, CallRecord record) {
        replies.put(key, record.reply());
    }
}

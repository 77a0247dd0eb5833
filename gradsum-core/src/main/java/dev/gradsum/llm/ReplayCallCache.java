package dev.gradsum.llm;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CallCache} that answers only from a recording file ({@code --replay FILE},
 * docs/recordings.md): nothing is sent to a model, and a request the file has no answer for is a
 * {@link RecordingMissException}, which stops the run. Stores nothing.
 */
final class ReplayCallCache implements CallCache {
    private final Path file;
    private final Map<String, LlmReply> replies;

    private ReplayCallCache(Path file, Map<String, LlmReply> replies) {
        this.file = file;
        this.replies = Map.copyOf(replies);
    }

    static ReplayCallCache load(Path file) {
        return new ReplayCallCache(file, RecordedAnswers.read(file));
    }

    @Override
    public Optional<LlmReply> get(String key) {
        return Optional.ofNullable(replies.get(key));
    }

    @Override
    public Optional<LlmReply> get(String key, Asked asked) {
        LlmReply reply = replies.get(key);
        if (reply == null) {
            throw new RecordingMissException(file, asked);
        }
        return Optional.of(reply);
    }

    @Override
    public void put(String key, CallRecord record) {
        // answers come from the file only; nothing new is ever answered, so nothing is stored
    }
}

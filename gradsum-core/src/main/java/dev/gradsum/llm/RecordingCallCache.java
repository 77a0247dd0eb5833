package dev.gradsum.llm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link CallCache} that answers like the cache it wraps and writes down every answered call of the
 * run, whether the wrapped cache or the model answered it; {@link #close} writes them to the recording
 * file ({@code --record FILE}, docs/recordings.md), sorted by request key. Thread-safe.
 */
public final class RecordingCallCache implements CallCache, AutoCloseable {
    private final CallCache cache;
    private final Path file;
    private final SortedMap<String, RecordedAnswers.Entry> answered = new TreeMap<>();

    RecordingCallCache(CallCache cache, Path file) {
        this.cache = cache;
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public Optional<LlmReply> get(String key) {
        return cache.get(key);
    }

    @Override
    public Optional<LlmReply> get(String key, Asked asked) {
        Optional<LlmReply> reply = cache.get(key, asked);
        reply.filter(r -> !r.text().isBlank()).ifPresent(r -> keep(key, asked.role().name().toLowerCase(java.util.Locale.ROOT),
                asked.provider(), asked.model(), asked.request(), r));
        return reply;
    }

    @Override
    public void put(String key, CallRecord record) {
        cache.put(key, record);
        keep(key, record.role().name().toLowerCase(java.util.Locale.ROOT), record.provider(), record.model(),
                record.request(), record.reply());
    }

    @Override
    public boolean answers() {
        return cache.answers();
    }

    private synchronized void keep(String key, String role, String provider, String model, LlmRequest request, LlmReply reply) {
        answered.put(key, new RecordedAnswers.Entry(key, role, provider, model, request, reply));
    }

    /** Calls written down so far. */
    public synchronized int size() {
        return answered.size();
    }

    /** Writes the recording file (again: it holds every call answered so far). */
    @Override
    public synchronized void close() {
        RecordedAnswers.write(file, answered);
    }
}

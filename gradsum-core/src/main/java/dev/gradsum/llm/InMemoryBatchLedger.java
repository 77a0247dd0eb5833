package dev.gradsum.llm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BatchLedger#inMemory()}. */
final class InMemoryBatchLedger implements BatchLedger {
    private final Map<String, Batch> open = new LinkedHashMap<>();
    private final Map<String, BatchReply> answers = new ConcurrentHashMap<>();
    private final Map<String, Intent> intents = new LinkedHashMap<>();

    @Override
    public synchronized void intended(Intent intent) {
        intents.put(intent.token(), intent);
    }

    @Override
    public synchronized void settled(String token) {
        intents.remove(token);
    }

    @Override
    public synchronized List<Intent> intents(String provider, String model) {
        return intents.values().stream()
                .filter(i -> i.provider().equals(provider) && i.model().equals(model)).toList();
    }

    @Override
    public synchronized void submitted(Batch batch, String token) {
        submitted(batch);
        settled(token);
    }

    @Override
    public synchronized void submitted(Batch batch) {
        open.put(batch.id(), batch);
    }

    @Override
    public synchronized void stateChanged(String batchId, BatchApi.State state) {
        open.computeIfPresent(batchId, (id, b) ->
                new Batch(id, b.provider(), b.model(), b.requests(), state, b.submitted()));
    }

    @Override
    public synchronized void ended(String batchId, BatchApi.State state, Instant at) {
        open.remove(batchId);
    }

    @Override
    public void answered(String requestKey, BatchReply reply) {
        answers.putIfAbsent(requestKey, reply);
    }

    @Override
    public Optional<BatchReply> answer(String requestKey) {
        return Optional.ofNullable(answers.get(requestKey));
    }

    @Override
    public synchronized List<Batch> open(String provider, String model) {
        List<Batch> found = new ArrayList<>();
        for (Batch b : open.values()) {
            if (b.provider().equals(provider) && b.model().equals(model)) {
                found.add(b);
            }
        }
        return found;
    }
}

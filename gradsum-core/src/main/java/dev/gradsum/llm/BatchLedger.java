package dev.gradsum.llm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the call path keeps the provider batches it submitted, so nothing is submitted twice: each batch's
 * id, provider, model and state, and each request's custom id and request key (the call-cache key),
 * written at submission; each answer as it arrives. After a crash, Ctrl-C or {@code --resume}, the
 * {@link BatchQueue} polls the {@link #open} batches again instead of submitting their requests anew.
 * The store ({@code SqliteStore}) keeps them on disk; {@link #inMemory()} for one process.
 * Implementations are thread-safe.
 */
public interface BatchLedger {
    /**
     * Called right before the provider is asked to create a batch: the submission token it is tagged with
     * and the keys of its requests. Until it is {@link #settled}, a later process asks the provider for a
     * batch of that token ({@link BatchApi#find}) before submitting those requests anew.
     */
    void intended(Intent intent);

    /** The intent of {@code token} needs no more looking up: its batch is recorded, or none was created. */
    void settled(String token);

    /** The intents of {@code provider}'s {@code model} not yet settled, oldest first. */
    List<Intent> intents(String provider, String model);

    /** Called right after the provider created the batch, before anything waits on it. */
    void submitted(Batch batch);

    /**
     * {@link #submitted} and {@link #settled} of the batch's intent at once (the store writes both in one
     * transaction, so no crash leaves the batch recorded and its intent open, or the other way round).
     */
    default void submitted(Batch batch, String token) {
        submitted(batch);
        settled(token);
    }

    /** The batch's latest state (one of {@link BatchApi.State}'s names). */
    void stateChanged(String batchId, BatchApi.State state);

    /** The batch ended in {@code state} at {@code at}: it is no longer {@link #open}. */
    void ended(String batchId, BatchApi.State state, Instant at);

    /** Keeps the answer to the request of {@code requestKey}, as it arrives. */
    void answered(String requestKey, BatchReply reply);

    /** The kept answer to the request of {@code requestKey}, if a batch answered it. */
    Optional<BatchReply> answer(String requestKey);

    /** The batches of {@code provider}'s {@code model} that have not ended, oldest first. */
    List<Batch> open(String provider, String model);

    /**
     * One submitted batch.
     *
     * @param requests each request's custom id and call-cache key
     * @param state    its latest known state
     */
    record Batch(String id, String provider, String model, List<Request> requests, BatchApi.State state,
                 Instant submitted) {
        public Batch {
            Objects.requireNonNull(id, "id");
            requests = List.copyOf(requests);
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(submitted, "submitted");
        }
    }

    /**
     * A batch about to be submitted: gradsum's token for it, and its requests' call-cache keys in order.
     */
    record Intent(String token, String provider, String model, List<String> keys, Instant at) {
        public Intent {
            Objects.requireNonNull(token, "token");
            keys = List.copyOf(keys);
            Objects.requireNonNull(at, "at");
        }
    }

    /** One request of a batch: the provider's custom id and gradsum's request (call-cache) key. */
    record Request(String customId, String key) {
    }

    /** A ledger in memory: batches survive nothing, not even the process. */
    static BatchLedger inMemory() {
        return new InMemoryBatchLedger();
    }
}

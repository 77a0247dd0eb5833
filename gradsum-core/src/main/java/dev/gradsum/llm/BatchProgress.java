package dev.gradsum.llm;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the provider batches of one model stand, told to {@link CallListener#onBatchProgress} at each
 * change: the batches by state, their requests still waiting, and what became of the rest.
 *
 * @param model       the model, as {@code provider/model}
 * @param batches     batches submitted or resumed by this process, by their latest state
 * @param waiting     requests in batches that have not ended, or gathered for the next one
 * @param answered    requests a batch answered
 * @param failed      requests a batch gave no answer (errored, expired, cancelled, missing from its results)
 * @param resubmitted failed requests put into a later batch
 * @param sentOnline  failed requests sent online instead
 * @param eta         when the open batches should have ended, judged by how long this process's ended
 *                    batches took; empty until one has ended
 */
public record BatchProgress(String model, Map<BatchApi.State, Integer> batches, int waiting, int answered,
                            int failed, int resubmitted, int sentOnline, Optional<Duration> eta) {
    public BatchProgress {
        EnumMap<BatchApi.State, Integer> copy = new EnumMap<>(BatchApi.State.class);
        copy.putAll(batches);
        batches = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Whether {@code other} tells the same batches: states, waiting, answered and failed requests (the ETA and
     * the count of failed requests sent again aside, which change request by request).
     */
    public boolean sameBatches(BatchProgress other) {
        return other != null && model.equals(other.model) && batches.equals(other.batches) && waiting == other.waiting
                && answered == other.answered && failed == other.failed;
    }

    /** {@code batches: 1 in progress, 2 completed; 40 waiting, 158 answered, 2 failed (2 online); ETA 3 min}. */
    public String line() {
        StringBuilder b = new StringBuilder("batches:");
        String sep = " ";
        for (Map.Entry<BatchApi.State, Integer> e : batches.entrySet()) {
            b.append(sep).append(e.getValue()).append(' ').append(e.getKey().label());
            sep = ", ";
        }
        b.append("; ").append(waiting).append(" waiting, ").append(answered).append(" answered");
        if (failed > 0) {
            b.append(", ").append(failed).append(" failed (").append(sentOnline).append(" online, ")
                    .append(resubmitted).append(" resubmitted)");
        }
        eta.ifPresent(d -> b.append("; ETA ").append(FailureText.duration(d)));
        return b.toString();
    }
}

package dev.gradsum.model;

/**
 * What one role (or a whole run) used. Immutable; {@link #plus(Usage)} adds two.
 *
 * @param calls        requests answered by a provider (paid)
 * @param cachedCalls  requests answered from the cache (free)
 * @param retries      retried attempts (429, 5xx, timeouts)
 * @param failures     requests that failed after all retries
 * @param inputTokens  input tokens of paid calls
 * @param outputTokens output tokens of paid calls
 * @param costUsd      cost of paid calls from the price table ({@code 0} when the model has no price)
 */
public record Usage(long calls, long cachedCalls, long retries, long failures,
                    long inputTokens, long outputTokens, double costUsd) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0);

    public Usage plus(Usage o) {
        return new Usage(calls + o.calls, cachedCalls + o.cachedCalls, retries + o.retries,
                failures + o.failures, inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                costUsd + o.costUsd);
    }

    /** Every request made: paid, answered from the cache, or failed for good. */
    public long requests() {
        return calls + cachedCalls + failures;
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}

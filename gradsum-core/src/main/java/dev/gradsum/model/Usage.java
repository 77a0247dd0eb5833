package dev.gradsum.model;

/**
 * What one role (or a whole run) used. Immutable; {@link #plus(Usage)} adds two.
 *
 * @param calls          requests answered by a provider (paid)
 * @param cachedCalls    requests answered from the cache (free)
 * @param retries        retried attempts (429, 5xx, timeouts)
 * @param failures       requests that failed after all retries
 * @param inputTokens    input tokens of paid calls
 * @param outputTokens   output tokens of paid calls
 * @param costUsd        cost of paid calls of priced models, from the price table (calls of a model without
 *                       a price add nothing here: see {@code unpricedCalls})
 * @param estimatedCalls paid calls whose answer carried no token usage, so their tokens were counted by
 *                       gradsum (a tokenizer or an estimate): {@link #tokensEstimated()}
 * @param unpricedCalls  paid calls of a model the price table does not know: {@link #costUnknown()}
 */
public record Usage(long calls, long cachedCalls, long retries, long failures,
                    long inputTokens, long outputTokens, double costUsd, long estimatedCalls, long unpricedCalls) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0);

    /** Usage with provider-reported tokens of priced models only. */
    public Usage(long calls, long cachedCalls, long retries, long failures,
                 long inputTokens, long outputTokens, double costUsd) {
        this(calls, cachedCalls, retries, failures, inputTokens, outputTokens, costUsd, 0, 0);
    }

    public Usage plus(Usage o) {
        return new Usage(calls + o.calls, cachedCalls + o.cachedCalls, retries + o.retries,
                failures + o.failures, inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                costUsd + o.costUsd, estimatedCalls + o.estimatedCalls, unpricedCalls + o.unpricedCalls);
    }

    /** Every request made: paid, answered from the cache, or failed for good. */
    public long requests() {
        return calls + cachedCalls + failures;
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Whether some of the tokens were counted by gradsum because the provider reported none. */
    public boolean tokensEstimated() {
        return estimatedCalls > 0;
    }

    /** Whether some paid calls went to a model without a price, so {@link #costUsd()} is not the whole cost. */
    public boolean costUnknown() {
        return unpricedCalls > 0;
    }
}

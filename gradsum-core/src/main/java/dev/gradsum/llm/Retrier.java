package dev.gradsum.llm;

import dev.gradsum.model.RetryPolicy;

/**
 * Step 5, wrapped around steps 3 and 4: each attempt holds a permit of the provider's limiter;
 * a failed attempt that is worth retrying releases it, waits (Retry-After or exponential backoff
 * with jitter, through the injected {@link Sleeper}) and tries again, up to
 * {@link RetryPolicy#maxAttempts()} attempts in all. Anything else fails at once.
 */
final class Retrier {
    /** One attempt of the call. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws InterruptedException;
    }

    /** The call failed for good: not retriable, or out of attempts. */
    static final class GaveUp extends Exception {
        private final int attempts;

        GaveUp(Throwable last, int attempts) {
            super(last);
            this.attempts = attempts;
        }

        int attempts() {
            return attempts;
        }
    }

    private final RetryPolicy policy;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final ProviderLimiter limiter;

    Retrier(RetryPolicy policy, Backoff backoff, Sleeper sleeper, ProviderLimiter limiter) {
        this.policy = policy;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.limiter = limiter;
    }

    /** @param onRetry told before each wait, so retries can be counted */
    <T> T call(String provider, Attempt<T> attempt, Runnable onRetry) throws InterruptedException, GaveUp {
        for (int n = 1; ; n++) {
            RuntimeException failure;
            limiter.acquire(provider);
            try {
                return attempt.run();
            } catch (RuntimeException e) {
                if (Thread.interrupted()) {
                    // the attempt failed because this caller was interrupted: an interruption, not a model failure
                    throw new InterruptedException(e.getMessage());
                }
                failure = e;
            } finally {
                limiter.release(provider);
            }
            Failure f = Failure.of(failure);
            if (!f.retriable() || n >= policy.maxAttempts()) {
                throw new GaveUp(failure, n);
            }
            onRetry.run();
            sleeper.sleep(backoff.delay(n, f.retryAfter()));
        }
    }
}

package dev.gradsum.llm;

import dev.gradsum.model.RetryPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * Step 5, wrapped around steps 3 and 4: each attempt holds a permit of the provider's limiter;
 * a failed attempt that is worth retrying releases it, waits (Retry-After or exponential backoff
 * with jitter, through the injected {@link Sleeper}) and tries again. It gives up when the waits of
 * the call would exceed {@link RetryPolicy#maxRetryTime()}, or, for a failure that came without a
 * Retry-After, after {@link RetryPolicy#maxAttempts()} attempts in all. Anything not retriable fails at
 * once.
 */
final class Retrier {
    /** One attempt of the call. */
    @FunctionalInterface
    interface Attempt<T> {
        /** @param number 1 for the first attempt, 2 for the first resend, ... */
        T run(int number) throws InterruptedException;
    }

    /** The call failed for good: not retriable, out of attempts, or out of retry time. */
    static final class GaveUp extends Exception {
        private final int attempts;
        private final Duration waited;
        private final boolean outOfTime;

        GaveUp(Throwable last, int attempts, Duration waited, boolean outOfTime) {
            super(last);
            this.attempts = attempts;
            this.waited = waited;
            this.outOfTime = outOfTime;
        }

        int attempts() {
            return attempts;
        }

        /** The time spent waiting between the attempts. */
        Duration waited() {
            return waited;
        }

        /** Whether the call gave up because the next wait would have exceeded the policy's retry time. */
        boolean outOfTime() {
            return outOfTime;
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

    /** The attempts of one call; the attempt counts a resend itself, when it sends one (see {@link Attempt#run}). */
    <T> T call(String provider, Attempt<T> attempt) throws InterruptedException, GaveUp {
        Duration waited = Duration.ZERO;
        for (int n = 1; ; n++) {
            RuntimeException failure;
            limiter.acquire(provider);
            try {
                return attempt.run(n);
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
            if (!f.retriable()) {
                throw new GaveUp(failure, n, waited, false);
            }
            Optional<Duration> retryAfter = f.retryAfter();
            if (retryAfter.isEmpty() && n >= policy.maxAttempts()) {
                throw new GaveUp(failure, n, waited, false);
            }
            Duration wait = backoff.delay(n, retryAfter);
            if (waited.plus(wait).compareTo(policy.maxRetryTime()) > 0) {
                throw new GaveUp(failure, n, waited, true);
            }
            sleeper.sleep(wait);
            waited = waited.plus(wait);
        }
    }
}

package dev.gradsum.llm;

import dev.gradsum.model.RetryPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * Step 5, wrapped around steps 3 and 4: each attempt holds a permit of the provider's limiter, asked for
 * with the call's one place in line (so a resend goes ahead of calls that came after the call); a failed
 * attempt that is worth retrying releases it, waits (Retry-After or exponential backoff with jitter,
 * through the injected {@link Sleeper}; short after a transient failure while the server's
 * {@link RetryQuota} pays for it, longer after throttling) and tries again. It gives up when the waits of
 * the call would exceed {@link RetryPolicy#maxRetryTime()}, or, for a failure that came without a
 * Retry-After, after {@link RetryPolicy#maxAttempts()} attempts, not counting those followed by a quick
 * resend (at most {@code maxAttempts - 1} of them per call). Anything not retriable fails at
 * once. Whether an attempt's failure ends the call is decided while the attempt still holds its permit, and
 * the caller's {@link FailedForGood} runs before the permit is released: so a failure that stops the run
 * is counted and latched before a waiting call can take the permit and go out.
 */
final class Retrier {
    /** One attempt of the call. */
    @FunctionalInterface
    interface Attempt<T> {
        /** @param number 1 for the first attempt, 2 for the first resend, ... */
        T run(int number) throws InterruptedException;
    }

    /**
     * What the caller does with a call that failed for good (counting it, stopping the run); run while the
     * last attempt still holds its permit, so no waiting call is sent before it is done.
     */
    @FunctionalInterface
    interface FailedForGood {
        void counted(GaveUp gaveUp);
    }

    /** The call failed for good: not retriable, out of attempts, or out of retry time. */
    static final class GaveUp extends Exception {
        private final int attempts;
        private final Duration waited;
        private final boolean outOfTime;
        private volatile RuntimeException counted;

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

        /** The failure the caller throws for this call, once its {@link FailedForGood} has counted it. */
        Optional<RuntimeException> counted() {
            return Optional.ofNullable(counted);
        }

        void countedAs(RuntimeException failure) {
            this.counted = failure;
        }
    }

    private final RetryPolicy policy;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final ProviderLimiter limiter;
    private final RetryQuota quota = new RetryQuota();

    Retrier(RetryPolicy policy, Backoff backoff, Sleeper sleeper, ProviderLimiter limiter) {
        this.policy = policy;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.limiter = limiter;
    }

    /** The retry quota's tokens left for a server (for tests). */
    int quotaLeft(String provider) {
        return quota.left(provider);
    }

    /** The attempts of one call; the attempt counts a resend itself, when it sends one (see {@link Attempt#run}). */
    <T> T call(String provider, Attempt<T> attempt) throws InterruptedException, GaveUp {
        return call(provider, attempt, gaveUp -> { });
    }

    /**
     * Like {@link #call(String, Attempt)}; {@code failedForGood} runs before the permit of the last attempt is
     * released when the call gives up.
     */
    <T> T call(String provider, Attempt<T> attempt, FailedForGood failedForGood) throws InterruptedException, GaveUp {
        Duration waited = Duration.ZERO;
        long place = limiter.place(); // kept for every resend: a call back from its backoff goes ahead of later ones
        int paidFor = 0; // the quota tokens the last resend took (0: it was not a quick one)
        int quickResends = 0; // resends after the short wait: on top of the policy's attempts
        int counted = 0; // attempts the policy's maxAttempts counts: all but those followed by a quick resend
        for (int n = 1; ; n++) {
            Duration wait;
            limiter.acquire(provider, place);
            try {
                RuntimeException failure;
                try {
                    T answer = attempt.run(n);
                    quota.answered(provider, n == 1 ? RetryQuota.ANSWER_REFILL : paidFor);
                    return answer;
                } catch (RuntimeException e) {
                    if (Thread.interrupted()) {
                        // the attempt failed because this caller was interrupted: an interruption, not a model failure
                        throw new InterruptedException(e.getMessage());
                    }
                    failure = e;
                }
                GaveUp gaveUp;
                Failure f = Failure.of(failure);
                Optional<Duration> retryAfter = f.retryAfter();
                wait = null;
                // a transient failure is resent after the shorter wait while the server's quota pays for it, at most
                // maxAttempts - 1 times per call; those resends come on top of the policy's attempts, so a call
                // outlasts an outage as long as under the longer schedule alone
                boolean quick = f.retriable() && retryAfter.isEmpty() && !f.throttled() && policy.hasQuickResends()
                        && quickResends < policy.maxAttempts() - 1 && quota.take(provider, RetryQuota.cost(f));
                if (!quick) {
                    counted++;
                }
                if (!f.retriable() || (!quick && retryAfter.isEmpty() && counted >= policy.maxAttempts())) {
                    gaveUp = new GaveUp(failure, n, waited, false);
                } else {
                    paidFor = quick ? RetryQuota.cost(f) : 0;
                    wait = quick ? backoff.delay(quickResends + 1, retryAfter, true) : backoff.delay(counted, retryAfter);
                    gaveUp = waited.plus(wait).compareTo(policy.maxRetryTime()) > 0
                            ? new GaveUp(failure, n, waited, true) : null;
                    if (gaveUp != null) {
                        quota.answered(provider, paidFor); // not resent after all: its tokens go back
                    } else if (quick) {
                        quickResends++;
                    }
                }
                if (gaveUp != null) {
                    failedForGood.counted(gaveUp); // the permit is still held: no waiting call goes out first
                    throw gaveUp;
                }
            } finally {
                limiter.release(provider);
            }
            sleeper.sleep(wait);
            waited = waited.plus(wait);
        }
    }
}

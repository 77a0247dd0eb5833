package dev.gradsum.llm;

import dev.gradsum.model.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * How long to wait before retry n of a {@link RetryPolicy}: the server's Retry-After when it gave
 * one (at least {@code initialBackoff}), else {@code base · 2^(n-1)} ± jitter, the base being
 * {@code transientBackoff} for a quick resend ({@link RetryQuota}) and {@code initialBackoff} otherwise; all
 * capped at {@code maxBackoff}. The jitter
 * comes from a seeded {@link Random}, so a run replays.
 */
final class Backoff {
    private final RetryPolicy policy;
    private final Random random;

    Backoff(RetryPolicy policy, Random random) {
        this.policy = policy;
        this.random = random;
    }

    /** @param retry 1 for the wait before the second attempt, 2 before the third, ... */
    Duration delay(int retry, Optional<Duration> retryAfter) {
        return delay(retry, retryAfter, false);
    }

    /**
     * @param retry 1 for the wait before the second attempt, 2 before the third, ...
     * @param quick whether the resend is a quick one (a transient failure the retry quota pays for)
     */
    Duration delay(int retry, Optional<Duration> retryAfter, boolean quick) {
        long maxMillis = policy.maxBackoff().toMillis();
        if (retryAfter.isPresent()) {
            long asked = Math.max(policy.initialBackoff().toMillis(), retryAfter.get().toMillis());
            return Duration.ofMillis(Math.min(asked, maxMillis));
        }
        Duration first = quick ? policy.transientBackoff() : policy.initialBackoff();
        double base = first.toMillis() * Math.pow(2, Math.min(retry - 1, 62));
        double capped = Math.min(base, maxMillis);
        double factor = 1 + policy.jitter() * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(Math.min(capped * factor, maxMillis)));
    }
}

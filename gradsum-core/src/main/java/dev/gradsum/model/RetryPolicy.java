package dev.gradsum.model;

import dev.gradsum.exception.ConfigurationException;
import java.time.Duration;

/**
 * How failed calls are retried: up to {@code maxAttempts} attempts in all, waiting
 * {@code initialBackoff · 2^n} (capped at {@code maxBackoff}, ± {@code jitter} fraction), or the
 * server's Retry-After when it gives one (capped at {@code maxBackoff}).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {
    public RetryPolicy {
        if (maxAttempts < 1) throw new ConfigurationException("maxAttempts must be >= 1, was " + maxAttempts);
        if (jitter < 0 || jitter > 1) throw new ConfigurationException("jitter must be in [0, 1], was " + jitter);
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
    }
}

package dev.gradsum.model;

import dev.gradsum.exception.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How failed calls are retried. Between attempts the call waits {@code initialBackoff · 2^n} (capped at
 * {@code maxBackoff}, ± {@code jitter} fraction), or the server's Retry-After when it gives one (capped at
 * {@code maxBackoff}, and at least {@code initialBackoff}, so a Retry-After of 0 does not hammer the server).
 * A call gives up when its waits would add up to more than {@code maxRetryTime}, or, for failures that
 * came without a Retry-After, after {@code maxAttempts} attempts in all. A server that throttles with a
 * short Retry-After is thus retried until {@code maxRetryTime} is spent, not just a few times.
 *
 * @param maxRetryTime the most one call may spend waiting between its attempts (default
 *                     {@link #DEFAULT_MAX_RETRY_TIME}, 5 minutes)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter,
                          Duration maxRetryTime) {
    /** The default {@link #maxRetryTime}: 5 minutes. */
    public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(5);

    public RetryPolicy {
        if (maxAttempts < 1) throw new ConfigurationException("maxAttempts must be >= 1, was " + maxAttempts);
        if (jitter < 0 || jitter > 1) throw new ConfigurationException("jitter must be in [0, 1], was " + jitter);
        Objects.requireNonNull(maxRetryTime, "maxRetryTime");
        if (maxRetryTime.isNegative()) throw new ConfigurationException("maxRetryTime must be >= 0, was " + maxRetryTime);
    }

    /** A policy with the default {@link #maxRetryTime} ({@link #DEFAULT_MAX_RETRY_TIME}). */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {
        this(maxAttempts, initialBackoff, maxBackoff, jitter, DEFAULT_MAX_RETRY_TIME);
    }

    /** 6 attempts, backoff from 1 s doubling up to 60 s with ±20 % jitter, at most 5 minutes of waiting per call. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2);
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
    }

    /** This policy with another {@link #maxRetryTime}. */
    public RetryPolicy withMaxRetryTime(Duration time) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter, time);
    }
}

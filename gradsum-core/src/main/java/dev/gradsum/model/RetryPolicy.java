package dev.gradsum.model;

import dev.gradsum.exception.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How failed calls are retried. Between attempts the call waits the server's Retry-After when it gives one
 * (capped at {@code maxBackoff}, and at least {@code initialBackoff}, so a Retry-After of 0 does not hammer
 * the server); else {@code base · 2^(n-1)} before resend n (capped at {@code maxBackoff}, ± {@code jitter}
 * fraction), where the base depends on what failed, as in the AWS SDKs' standard retry mode (shorter
 * waits for transient errors, longer ones for throttling):
 * <ul>
 *   <li>{@code transientBackoff} after a failure of the one request (HTTP 500, 502, 504, 408, a timeout, a
 *       dropped connection) while the server's retry quota lasts: the quota is spent by such quick resends
 *       and refilled by answers, so quick resends stop when the server fails too often (see the call path's
 *       retry quota). A call makes at most {@code maxAttempts - 1} quick resends, on top of its
 *       {@code maxAttempts} attempts ({@link #hasQuickResends()});</li>
 *   <li>{@code initialBackoff} after throttling (HTTP 429, 503, Anthropic's 529 "overloaded"), and after any
 *       failure once the quota is spent.</li>
 * </ul>
 * A call gives up when its waits would add up to more than {@code maxRetryTime}, or, for failures that
 * came without a Retry-After, after {@code maxAttempts} attempts (quick resends not counted). A server that throttles with a
 * short Retry-After is thus retried until {@code maxRetryTime} is spent, not just a few times.
 *
 * @param maxRetryTime the most one call may spend waiting between its attempts (default
 *                     {@link #DEFAULT_MAX_RETRY_TIME}, 5 minutes)
 * @param transientBackoff the first wait after a transient failure while the server's retry quota lasts
 *                         (the constructors without it use {@code initialBackoff}, i.e. one schedule for all)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter,
                          Duration maxRetryTime, Duration transientBackoff) {
    /** The default {@link #maxRetryTime}: 5 minutes. */
    public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(5);

    public RetryPolicy {
        if (maxAttempts < 1) throw new ConfigurationException("maxAttempts must be >= 1, was " + maxAttempts);
        if (jitter < 0 || jitter > 1) throw new ConfigurationException("jitter must be in [0, 1], was " + jitter);
        Objects.requireNonNull(maxRetryTime, "maxRetryTime");
        if (maxRetryTime.isNegative()) throw new ConfigurationException("maxRetryTime must be >= 0, was " + maxRetryTime);
        Objects.requireNonNull(transientBackoff, "transientBackoff");
        if (transientBackoff.isNegative()) {
            throw new ConfigurationException("transientBackoff must be >= 0, was " + transientBackoff);
        }
    }

    /** A policy with one schedule for every failure: {@code transientBackoff} is {@code initialBackoff}. */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter, Duration maxRetryTime) {
        this(maxAttempts, initialBackoff, maxBackoff, jitter, maxRetryTime, initialBackoff);
    }

    /** A policy with the default {@link #maxRetryTime} ({@link #DEFAULT_MAX_RETRY_TIME}) and one schedule for every failure. */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {
        this(maxAttempts, initialBackoff, maxBackoff, jitter, DEFAULT_MAX_RETRY_TIME);
    }

    /**
     * 6 attempts; waits doubling up to 60 s with ±20 % jitter, from 100 ms after a transient failure (while
     * the retry quota lasts) and from 1 s after throttling; at most 5 minutes of waiting per call.
     * 100, 200, 400 ms… are the means of the AWS SDKs' waits for a transient error (a random share of
     * 2ⁿ · 100 ms, {@code DEFAULT_RETRY_DELAY_BASE} of {@code @aws-sdk/middleware-retry}); OpenAI's and
     * Anthropic's SDKs wait 0.375–0.5 s, then twice that, for any failure.
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, DEFAULT_MAX_RETRY_TIME,
                Duration.ofMillis(100));
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO);
    }

    /** This policy with another {@link #maxRetryTime}. */
    public RetryPolicy withMaxRetryTime(Duration time) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter, time, transientBackoff);
    }

    /**
     * Whether a transient failure may be resent on the shorter schedule: {@code transientBackoff} is shorter
     * than {@code initialBackoff}. Such quick resends (at most {@code maxAttempts - 1} per call, while the
     * server's retry quota lasts) come on top of the {@code maxAttempts} attempts, so a call waits out an
     * outage as long as under the longer schedule alone; with one schedule for all there are none.
     */
    public boolean hasQuickResends() {
        return transientBackoff.compareTo(initialBackoff) < 0;
    }

    /** This policy with another {@link #transientBackoff}. */
    public RetryPolicy withTransientBackoff(Duration backoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter, maxRetryTime, backoff);
    }
}

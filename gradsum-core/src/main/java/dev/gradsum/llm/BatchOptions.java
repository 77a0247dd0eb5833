package dev.gradsum.llm;

import dev.gradsum.exception.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the call path uses provider batches ({@link BatchApi}).
 *
 * @param pollInterval   how often a running batch is polled (default {@link #DEFAULT_POLL_INTERVAL}); tests
 *                       compress it to milliseconds
 * @param gatherWindow   how long the queue waits for more requests after the latest one before it submits a
 *                       batch (default {@link #DEFAULT_GATHER_WINDOW}): the rows of a stage arrive one by one
 * @param maxRequests    most requests in one batch (default {@value #DEFAULT_MAX_REQUESTS}; Anthropic allows
 *                       100,000, OpenAI 50,000)
 * @param failedRequests what happens to a request that errored, expired or was cancelled in a batch
 * @param maxBatchTries  how many batches one request may go into before it is sent online
 *                       ({@link FailedRequests#NEXT_BATCH} only; default {@value #DEFAULT_MAX_BATCH_TRIES})
 */
public record BatchOptions(Duration pollInterval, Duration gatherWindow, int maxRequests,
                           FailedRequests failedRequests, int maxBatchTries) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GATHER_WINDOW = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_REQUESTS = 10_000;
    public static final int DEFAULT_MAX_BATCH_TRIES = 2;

    /** Where a request goes whose batch gave it no answer (errored, expired, cancelled, missing). */
    public enum FailedRequests {
        /** Sent online at once, through the retries of the call path (the default). */
        ONLINE,
        /** Put into the next batch, up to {@code maxBatchTries} batches, then sent online. */
        NEXT_BATCH
    }

    public BatchOptions {
        Objects.requireNonNull(failedRequests, "failedRequests");
        positive(pollInterval, "batch poll interval");
        positive(gatherWindow, "batch gather window");
        if (maxRequests < 1) {
            throw new ConfigurationException("batch maxRequests must be >= 1, was " + maxRequests);
        }
        if (maxBatchTries < 1) {
            throw new ConfigurationException("batch maxBatchTries must be >= 1, was " + maxBatchTries);
        }
    }

    public static BatchOptions defaults() {
        return new BatchOptions(DEFAULT_POLL_INTERVAL, DEFAULT_GATHER_WINDOW, DEFAULT_MAX_REQUESTS,
                FailedRequests.ONLINE, DEFAULT_MAX_BATCH_TRIES);
    }

    public BatchOptions withPollInterval(Duration interval) {
        return new BatchOptions(interval, gatherWindow, maxRequests, failedRequests, maxBatchTries);
    }

    public BatchOptions withGatherWindow(Duration window) {
        return new BatchOptions(pollInterval, window, maxRequests, failedRequests, maxBatchTries);
    }

    public BatchOptions withFailedRequests(FailedRequests where) {
        return new BatchOptions(pollInterval, gatherWindow, maxRequests, where, maxBatchTries);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigurationException(name + " must be > 0, was " + d);
        }
    }
}

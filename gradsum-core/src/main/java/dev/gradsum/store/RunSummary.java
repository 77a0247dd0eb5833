package dev.gradsum.store;

import java.time.Instant;

/**
 * One line of {@code gradsum runs}.
 *
 * @param bestScore best validation score seen so far, or {@code null} before the first iteration ends
 * @param costUsd   money spent by the run over all its attempts (cache hits are free)
 */
public record RunSummary(String id, String task, Instant started, RunStatus status, Double bestScore, double costUsd) {
}

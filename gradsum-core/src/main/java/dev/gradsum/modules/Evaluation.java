package dev.gradsum.modules;

import dev.gradsum.metric.Score;

/** One generation and its score. */
public record Evaluation(Generation generation, Score score) {
}

package dev.gradsum.bench;

import dev.gradsum.model.Budget;
import java.util.List;

/**
 * What every optimizer of one benchmark gets alike.
 *
 * @param optimizers which columns to run, by key ({@link Optimizers#KEYS})
 * @param iterations GRAD-SUM iterations and ProTeGi rounds
 * @param budget     spending limit of each optimizer's search, per task (the test rating is apart)
 * @param seed       seeds every search and the intervals
 * @param bootstrap  resamples for each score's 95% interval
 */
public record BenchSettings(List<String> optimizers, int iterations, Budget budget, long seed, int bootstrap) {
    public BenchSettings {
        optimizers = List.copyOf(optimizers);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, was " + iterations);
        }
    }
}

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
 * @param trace      also rate on the test rows every prompt a search held as its best on the way, to
 *                   measure how many calls it needed (the multi-seed table); off for the one-seed suite
 */
public record BenchSettings(List<String> optimizers, int iterations, Budget budget, long seed, int bootstrap,
                            boolean trace) {
    public BenchSettings {
        optimizers = List.copyOf(optimizers);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, was " + iterations);
        }
    }

    /** Settings without the trace. */
    public BenchSettings(List<String> optimizers, int iterations, Budget budget, long seed, int bootstrap) {
        this(optimizers, iterations, budget, seed, bootstrap, false);
    }

    /** These settings with another seed. */
    public BenchSettings withSeed(long v) {
        return new BenchSettings(optimizers, iterations, budget, v, bootstrap, trace);
    }
}

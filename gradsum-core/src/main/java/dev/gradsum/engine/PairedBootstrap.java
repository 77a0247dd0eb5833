package dev.gradsum.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The paired bootstrap of the final test: resamples the per-row differences (best − initial) with
 * replacement and takes the 2.5th and 97.5th percentiles of the resampled means as a 95% interval.
 * Seeded, so the same differences and seed give the same interval. Also used by {@code gradsum eval
 * --baseline} at the confidence it is given ({@link #interval(double[], double)}).
 */
public final class PairedBootstrap {
    private final int samples;
    private final long seed;

    public PairedBootstrap(int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("bootstrap samples must be >= 1, was " + samples);
        }
        this.samples = samples;
        this.seed = seed;
    }

    /** {@code [low, high]} of the mean difference; {@code [0, 0]} when there are no differences. */
    double[] interval(double[] differences) {
        return interval(differences, 0.025, 0.975);
    }

    /**
     * {@code [low, high]} of the mean difference at {@code confidence} (0.95: the 2.5th and 97.5th
     * percentiles); {@code [0, 0]} when there are no differences.
     */
    public double[] interval(double[] differences, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), was " + confidence);
        }
        double tail = (1 - confidence) / 2;
        return interval(differences, tail, 1 - tail);
    }

    private double[] interval(double[] differences, double low, double high) {
        int n = differences.length;
        if (n == 0) {
            return new double[] {0, 0};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[samples];
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            means[s] = sum / n;
        }
        Arrays.sort(means);
        return new double[] {percentile(means, low), percentile(means, high)};
    }

    /** Linear interpolation between the closest ranks of sorted {@code values}. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }
}

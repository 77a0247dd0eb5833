package dev.gradsum.bench;

import java.util.SplittableRandom;

/**
 * Statistics over seeds (one value per seed): mean, sample standard deviation, a Student-t 95%
 * interval of the mean, and a paired two-sided sign-flip permutation test of two methods' values on the
 * same seeds. The test flips the sign of each seed's difference in every possible way (2^n, exact, up
 * to {@value #EXACT_UP_TO} seeds; beyond that a seeded Monte-Carlo of {@value #MONTE_CARLO} flips) and
 * reports the share of flips whose mean difference is at least as far from 0 as the observed one.
 */
public final class SeedStatistics {
    static final int EXACT_UP_TO = 20;
    static final int MONTE_CARLO = 100_000;
    /** Two-sided 97.5% quantiles of Student's t for 1 to 30 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private SeedStatistics() {
    }

    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /** The sample standard deviation (n - 1); 0 for a single value. */
    public static double sd(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    /** The 95% interval of the mean, {@code mean ± t(0.975, n-1) · sd / sqrt(n)}: {low, high}. */
    public static double[] interval95(double[] values) {
        double m = mean(values);
        if (values.length < 2) {
            return new double[] {m, m};
        }
        int df = values.length - 1;
        double t = df <= T975.length ? T975[df - 1] : 1.96;
        double half = t * sd(values) / Math.sqrt(values.length);
        return new double[] {m - half, m + half};
    }

    /** The two-sided p-value of the paired sign-flip test of {@code a} against {@code b} (same seeds, same order). */
    public static double pairedSignFlipP(double[] a, double[] b, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired values need the same seeds: " + a.length + " vs " + b.length);
        }
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
        }
        double observed = Math.abs(flipped(d, 0)) - 1e-12;
        if (n == 0) {
            return 1;
        }
        if (n <= EXACT_UP_TO) {
            long total = 1L << n;
            long atLeast = 0;
            for (long mask = 0; mask < total; mask++) {
                if (Math.abs(flipped(d, mask)) >= observed) {
                    atLeast++;
                }
            }
            return atLeast / (double) total;
        }
        SplittableRandom random = new SplittableRandom(seed);
        long atLeast = 0;
        for (int s = 0; s < MONTE_CARLO; s++) {
            double total = 0;
            for (double v : d) {
                total += random.nextBoolean() ? v : -v;
            }
            if (Math.abs(total) >= observed) {
                atLeast++;
            }
        }
        return (atLeast + 1) / (double) (MONTE_CARLO + 1);
    }

    private static double flipped(double[] d, long mask) {
        double total = 0;
        for (int i = 0; i < d.length; i++) {
            total += (mask & (1L << i)) != 0 ? -d[i] : d[i];
        }
        return total;
    }
}

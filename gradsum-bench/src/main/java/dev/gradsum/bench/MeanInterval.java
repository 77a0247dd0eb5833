package dev.gradsum.bench;

import dev.gradsum.modules.Evaluation;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A test score: the mean over rated rows with a seeded percentile-bootstrap 95% interval. Rows whose
 * answer could not be rated are excluded and counted, never a silent 0 or 1.
 *
 * @param rated  rows in the mean
 * @param errors rows that could not be rated
 */
public record MeanInterval(double mean, double low, double high, int rated, int errors) {
    /** The score of {@code evaluations} with {@code samples} bootstrap resamples. */
    public static MeanInterval of(List<Evaluation> evaluations, int samples, long seed) {
        double[] values = evaluations.stream().filter(e -> !e.score().error()).mapToDouble(e -> e.score().value()).toArray();
        return of(values, evaluations.size() - values.length, samples, seed);
    }

    /** The score of rated {@code values} (and {@code errors} rows that could not be rated). */
    public static MeanInterval of(double[] values, int errors, int samples, long seed) {
        if (values.length == 0) {
            return new MeanInterval(Double.NaN, Double.NaN, Double.NaN, 0, errors);
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[samples];
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[random.nextInt(values.length)];
            }
            means[s] = sum / values.length;
        }
        Arrays.sort(means);
        return new MeanInterval(mean, percentile(means, 0.025), percentile(means, 0.975), values.length, errors);
    }

    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}

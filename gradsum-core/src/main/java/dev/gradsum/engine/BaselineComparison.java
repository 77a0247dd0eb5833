package dev.gradsum.engine;

import dev.gradsum.modules.Evaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * A prompt against a baseline that answered the same rows: the paired difference (new − baseline) over
 * the rows both rated, its {@link PairedBootstrap} interval, and whether the new prompt is worse beyond a
 * margin (the interval's high end is below {@code -margin}). The one owner of that rule, used by
 * {@code gradsum eval --baseline} and by gradsum-junit's {@code isNotWorseThan}.
 *
 * @param baselineScore the baseline's mean over the rows both rated (0 when none)
 * @param difference    mean of new − baseline over those rows (0 when none)
 * @param low           the interval's low end
 * @param high          the interval's high end
 * @param confidence    the interval's confidence (e.g. 0.95)
 * @param margin        how much worse the new prompt may be
 * @param rows          rows both rated
 * @param worse         whether the new prompt is worse beyond the margin at that confidence
 */
public record BaselineComparison(double baselineScore, double difference, double low, double high,
                                 double confidence, double margin, int rows, boolean worse) {
    /** The interval's confidence when the caller gives none ({@code eval --confidence}, {@code isNotWorseThan}). */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** Whether {@code confidence} can be an interval's confidence: between 0 and 1, exclusive. */
    public static boolean validConfidence(double confidence) {
        return confidence > 0 && confidence < 1;
    }

    /**
     * Compares {@code now} with {@code baseline}, row by row in the order given (both lists rate the same
     * rows); rows either could not rate are left out.
     *
     * @param samples    bootstrap resamples (the search's {@code bootstrapSamples})
     * @param seed       the bootstrap's seed (the search's seed), so the same rows give the same interval
     * @param confidence between 0 and 1, exclusive
     * @param margin     0 or more
     */
    public static BaselineComparison of(List<Evaluation> now, List<Evaluation> baseline, int samples, long seed,
                                        double confidence, double margin) {
        if (now.size() != baseline.size()) {
            throw new IllegalArgumentException("the prompt rated " + now.size() + " rows and the baseline "
                    + baseline.size() + "; both must rate the same rows");
        }
        if (margin < 0) {
            throw new IllegalArgumentException("margin must be 0 or more, was " + margin);
        }
        if (!validConfidence(confidence)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), was " + confidence);
        }
        List<Double> diffs = new ArrayList<>();
        double baseSum = 0;
        for (int i = 0; i < now.size(); i++) {
            Evaluation a = now.get(i);
            Evaluation b = baseline.get(i);
            if (!a.score().error() && !b.score().error()) {
                diffs.add(a.score().value() - b.score().value());
                baseSum += b.score().value();
            }
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = d.length == 0 ? 0 : java.util.Arrays.stream(d).average().orElse(0);
        double[] interval = new PairedBootstrap(samples, seed).interval(d, confidence);
        return new BaselineComparison(d.length == 0 ? 0 : baseSum / d.length, mean, interval[0], interval[1],
                confidence, margin, d.length, interval[1] < -margin);
    }
}

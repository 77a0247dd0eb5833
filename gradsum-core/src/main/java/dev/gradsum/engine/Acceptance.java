package dev.gradsum.engine;

import dev.gradsum.modules.Evaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * The significance test a child must pass to take its parent's place ({@code SearchOptions.minConfidence}):
 * a one-sided paired bootstrap on the validation rows both were rated on. The child is accepted when the
 * lower bound of the mean difference (child − parent) at the given confidence is above 0, i.e. the
 * {@code (1 − confidence)} percentile of the resampled means ({@link PairedBootstrap} at two-sided
 * confidence {@code 2·confidence − 1}). With no row rated for both, nothing is shown and the child is
 * rejected. With the test off ({@code confidence == 0}) every child is accepted, as in the paper.
 */
final class Acceptance {
    private final double confidence;
    private final PairedBootstrap bootstrap;

    /** @param confidence 0 (off) or in (0.5, 1), as {@code SearchOptions.minConfidence} */
    Acceptance(double confidence, int samples, long seed) {
        this.confidence = confidence;
        this.bootstrap = new PairedBootstrap(samples, seed);
    }

    /** Whether the test is on. */
    boolean on() {
        return confidence > 0;
    }

    /** Whether {@code child}'s validation rows show it better than {@code parent}'s (rows in the same order). */
    boolean accepts(List<Evaluation> child, List<Evaluation> parent) {
        if (!on()) {
            return true;
        }
        double[] differences = parent == null ? new double[0] : differences(child, parent);
        if (differences.length == 0) {
            return false;
        }
        return bootstrap.interval(differences, 2 * confidence - 1)[0] > 0;
    }

    /** Child − parent on each row both were rated on (the rows paired by position). */
    static double[] differences(List<Evaluation> child, List<Evaluation> parent) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < Math.min(child.size(), parent.size()); i++) {
            Evaluation c = child.get(i);
            Evaluation p = parent.get(i);
            if (!c.score().error() && !p.score().error()) {
                d.add(c.score().value() - p.score().value());
            }
        }
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

package dev.gradsum.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One optimizer over every seed of a world: its test score's mean, SD and 95% interval over seeds, the
 * paired p-value against the reference row (the paper's GRAD-SUM), and means over seeds of what it
 * spent and how soon it got there.
 *
 * @param pValue            paired sign-flip p-value against the reference; {@code NaN} for the reference itself
 * @param calls             mean paid calls of the search
 * @param costUsd           mean cost of the search
 * @param callsTo95         mean paid calls until its best prompt first scored 95% of its own final test score
 * @param callsToReference  mean paid calls until its best prompt first scored at least the reference's final
 *                          test score (same seed), over the seeds where it did; {@code NaN} if never
 * @param reachedReference  seeds on which it reached the reference's final test score
 * @param reachedWithHalf   seeds on which it reached it with at most half the reference's calls
 * @param accepted          children accepted, summed over seeds
 * @param trulyWorse        of those, truly worse than their parent on validation; -1 when unknown
 */
public record SeedSummary(String key, String label, int seeds, double mean, double sd, double low, double high,
                          double pValue, double calls, double costUsd, double callsTo95, double callsToReference,
                          int reachedReference, int reachedWithHalf, int accepted, int trulyWorse) {

    /** The share of accepted children that were truly worse; {@code NaN} when unknown or none accepted. */
    public double trulyWorseShare() {
        return trulyWorse < 0 || accepted == 0 ? Double.NaN : trulyWorse / (double) accepted;
    }

    /**
     * The summary of column {@code column} over {@code rows} (one per seed, same column order), against
     * column {@code reference}.
     */
    static SeedSummary of(String key, String label, List<Row> rows, int column, int reference, long seed) {
        int n = rows.size();
        double[] test = new double[n];
        double[] ref = new double[n];
        double[] calls = new double[n];
        double[] cost = new double[n];
        double[] to95 = new double[n];
        List<Double> toReference = new ArrayList<>();
        int withHalf = 0;
        int accepted = 0;
        int worse = 0;
        for (int s = 0; s < n; s++) {
            Cell cell = rows.get(s).cells().get(column);
            Cell reference0 = rows.get(s).cells().get(reference);
            test[s] = cell.test().mean();
            ref[s] = reference0.test().mean();
            calls[s] = cell.usage().calls();
            cost[s] = cell.usage().costUsd();
            Long c95 = cell.callsToReach(0.95 * cell.test().mean());
            to95[s] = c95 == null ? Double.NaN : c95;
            Long reached = cell.callsToReach(reference0.test().mean());
            if (reached != null) {
                toReference.add((double) reached);
                if (reached <= 0.5 * reference0.usage().calls()) {
                    withHalf++;
                }
            }
            accepted += cell.accepted();
            worse = worse < 0 || cell.trulyWorse() < 0 ? -1 : worse + cell.trulyWorse();
        }
        double[] interval = SeedStatistics.interval95(test);
        double p = column == reference ? Double.NaN : SeedStatistics.pairedSignFlipP(test, ref, seed);
        return new SeedSummary(key, label, n, SeedStatistics.mean(test), SeedStatistics.sd(test), interval[0],
                interval[1], p, SeedStatistics.mean(calls), SeedStatistics.mean(cost), SeedStatistics.mean(to95),
                toReference.isEmpty() ? Double.NaN : toReference.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                toReference.size(), withHalf, accepted, worse);
    }
}

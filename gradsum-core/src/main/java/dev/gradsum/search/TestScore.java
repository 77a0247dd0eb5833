package dev.gradsum.search;

/**
 * The final comparison on the test split, never seen during search: initial vs best prompt on the same
 * rows, with a paired bootstrap 95% interval of the difference.
 *
 * @param rows          test rows rated for both prompts (the means and the interval are over these)
 * @param initial       mean score of the initial prompt
 * @param best          mean score of the best prompt
 * @param low           2.5th percentile of best − initial over bootstrap resamples
 * @param high          97.5th percentile of best − initial
 * @param initialErrors test rows the initial prompt's answers could not be rated on (excluded)
 * @param bestErrors    test rows the best prompt's answers could not be rated on (excluded)
 */
public record TestScore(int rows, double initial, double best, double low, double high,
                        int initialErrors, int bestErrors) {
    /** A comparison with no evaluation error. */
    public TestScore(int rows, double initial, double best, double low, double high) {
        this(rows, initial, best, low, high, 0, 0);
    }

    public double difference() {
        return best - initial;
    }
}

package dev.gradsum.search;

/**
 * The final comparison on the test split, never seen during search: initial vs best prompt on the same
 * rows, with a paired bootstrap 95% interval of the difference.
 *
 * <p>When no row could be rated for both prompts ({@code rows == 0}) there is nothing to compare:
 * {@code initial}, {@code best}, {@code low} and {@code high} are {@code NaN} (set so by the constructor),
 * never a stand-in 0.
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
    public TestScore {
        if (rows == 0) {
            initial = Double.NaN;
            best = Double.NaN;
            low = Double.NaN;
            high = Double.NaN;
        }
    }

    /** A comparison with no evaluation error. */
    public TestScore(int rows, double initial, double best, double low, double high) {
        this(rows, initial, best, low, high, 0, 0);
    }

    /** {@code best − initial}; {@code NaN} when no row was rated for both. */
    public double difference() {
        return best - initial;
    }
}

package dev.gradsum.search;

/**
 * The final comparison on the test split, never seen during search: initial vs best prompt on the same
 * rows, with a paired bootstrap 95% interval of the difference.
 *
 * @param rows    test rows rated for both prompts
 * @param initial mean score of the initial prompt
 * @param best    mean score of the best prompt
 * @param low     2.5th percentile of best − initial over bootstrap resamples
 * @param high    97.5th percentile of best − initial
 */
public record TestScore(int rows, double initial, double best, double low, double high) {
    public double difference() {
        return best - initial;
    }
}

package dev.gradsum.bench;

import dev.gradsum.model.Usage;
import java.util.List;

/**
 * One optimizer on one task: the test score of the prompt it returned, and what its search spent.
 *
 * @param optimizer  the column's key
 * @param test       the returned prompt's score on the test rows
 * @param usage      the search's calls, tokens and cost (the test rating is not included)
 * @param elapsedMs  the search's wall time
 * @param stopReason why the search stopped
 * @param bestPrompt the prompt it returned
 * @param progress   with {@link BenchSettings#trace()}: the test score of the search's best prompt after each
 *                   step, with the paid calls spent by then (first point: the initial prompt at 0 calls)
 * @param accepted   children the search accepted (entered its beam or pool)
 * @param trulyWorse of those, the ones truly worse than their parent on the validation rows by the
 *                   ground truth; {@code -1} when the truth is unknown
 */
public record Cell(String optimizer, MeanInterval test, Usage usage, long elapsedMs, String stopReason,
                   String bestPrompt, List<Point> progress, int accepted, int trulyWorse) {
    public Cell {
        progress = List.copyOf(progress);
    }

    /** The search's best prompt after {@code calls} paid calls scored {@code test} on the test rows. */
    public record Point(long calls, double test) {
    }

    /** Paid calls until the search's best prompt first scored at least {@code target} on test; null if never. */
    public Long callsToReach(double target) {
        for (Point p : progress) {
            if (p.test() >= target - 1e-9) {
                return p.calls();
            }
        }
        return null;
    }
}

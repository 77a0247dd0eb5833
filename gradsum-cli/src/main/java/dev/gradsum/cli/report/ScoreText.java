package dev.gradsum.cli.report;

import java.util.Locale;

/**
 * How a score reads wherever gradsum shows one (terminal and report): three decimals; a score with no
 * rated row is {@value #NONE}, never 0; a score on part of its rows says so
 * ({@code 0.733 on 28/30 rows, 2 failed}). result.json writes the missing score as {@code null}.
 */
public final class ScoreText {
    /** What a score with no rated row shows. */
    public static final String NONE = "–";

    private ScoreText() {
    }

    /** {@code 0.733}, or {@value #NONE} when there is no score ({@code null} or not finite). */
    public static String of(Double score) {
        return score == null || !Double.isFinite(score) ? NONE : String.format(Locale.ROOT, "%.3f", score);
    }

    /**
     * The score with how many rows it stands on when some could not be rated: {@code 0.733} when every
     * row was rated, {@code 0.733 on 28/30 rows, 2 failed} when not, {@code – on 0/30 rows, 30 failed}
     * when none was.
     */
    public static String onRows(double score, int rated, int failed) {
        String value = rated == 0 ? NONE : of(score);
        return failed == 0 ? value : value + " on " + rated + "/" + (rated + failed) + " rows, " + failed + " failed";
    }
}

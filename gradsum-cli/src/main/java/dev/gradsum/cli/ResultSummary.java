package dev.gradsum.cli;

import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.cli.report.UsageText;
import dev.gradsum.model.Usage;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.TestScore;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The closing lines of a run: scores, why it stopped, usage, and last the best prompt and the path of
 * {@code best_prompt.txt}, so the prompt is never hard to find.
 */
final class ResultSummary {
    private ResultSummary() {
    }

    static void print(PrintStream out, OptimizationResult r, RunOutputs.Written written, int evaluationErrors) {
        out.println();
        out.println("Stopped after " + r.iterations().size() + " iteration(s) in " + seconds(r.elapsed().toMillis())
                + ": " + stopReason(r) + ".");
        Double initial = validation(r, r.initial().id());
        Double best = validation(r, r.best().id());
        out.println("Validation: initial " + score(initial) + ", best " + score(best) + " (" + r.best().id() + ").");
        TestScore t = r.test();
        if (t != null) {
            out.println(String.format(Locale.ROOT,
                    "Test (%d rows, never seen during search): initial %.3f, best %.3f, difference %+.3f (95%% interval %+.3f to %+.3f).",
                    t.rows(), t.initial(), t.best(), t.difference(), t.low(), t.high()));
        } else {
            out.println("Test: no test rows (set data.split.test to measure the best prompt on unseen rows).");
        }
        Usage u = r.total();
        out.println(String.format(Locale.ROOT, "Usage: %s, %d retries, %s, %s.",
                UsageText.requests(u), u.retries(), UsageText.tokens(u), UsageText.cost(u, 4)));
        if (evaluationErrors > 0) {
            out.println("Evaluation errors: " + evaluationErrors + " answer(s) could not be rated and were left out of the scores.");
        }
        out.println("Report: " + written.reportHtml());
        out.println();
        out.println("Best prompt:");
        out.println("-----");
        out.println(r.bestPrompt().text().stripTrailing());
        out.println("-----");
        out.println("Best prompt saved to " + written.bestPrompt());
        out.flush();
    }

    /** The candidate's validation score ({@link OptimizationResult#validationScore}), or {@code null} if never scored. */
    static Double validation(OptimizationResult r, String id) {
        return r.validationScore(id).map(ScoredCandidate::score).orElse(null);
    }

    private static String stopReason(OptimizationResult r) {
        return switch (r.stopReason()) {
            case COMPLETED -> "all iterations ran";
            case NO_IMPROVEMENT -> "no candidate beat the beam for the patience window";
            case BUDGET -> "budget reached (best prompt so far kept)";
            case INTERRUPTED -> "interrupted";
        };
    }

    private static String score(Double s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.3f", s);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}

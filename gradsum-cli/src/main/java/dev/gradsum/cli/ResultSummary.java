package dev.gradsum.cli;

import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.cli.report.ScoreText;
import dev.gradsum.cli.report.UsageText;
import dev.gradsum.llm.UnusableReplies;
import dev.gradsum.llm.UnusableReplyException;
import dev.gradsum.model.Usage;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.TestScore;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The closing lines of a run: scores, why it stopped, usage, and last the best prompt and the path of
 * {@code best_prompt.txt}, so the prompt is never hard to find.
 */
final class ResultSummary {
    private ResultSummary() {
    }

    static void print(PrintStream out, OptimizationResult r, RunOutputs.Written written, int evaluationErrors) {
        print(out, r, written, evaluationErrors, List.of());
    }

    /** @param unusable the run's replies that were no answer (cut, empty, refused), one line each: the library's words */
    static void print(PrintStream out, OptimizationResult r, RunOutputs.Written written, int evaluationErrors,
                      List<UnusableReplies.Tally> unusable) {
        out.println();
        out.println("Stopped after " + r.iterations().size() + " iteration(s) in " + seconds(r.elapsed().toMillis())
                + ": " + stopReason(r) + ".");
        out.println("Validation: initial " + validation(r, r.initial().id()) + ", best " + validation(r, r.best().id())
                + " (" + r.best().id() + ").");
        TestScore t = r.test();
        if (t != null) {
            out.println(test(t));
        } else {
            out.println("Test: no test rows (set data.split.test to measure the best prompt on unseen rows).");
        }
        Usage u = r.total();
        out.println(String.format(Locale.ROOT, "Usage: %s, %d retries, %s, %s.",
                UsageText.requests(u), u.retries(), UsageText.tokens(u), UsageText.cost(u, 4)));
        if (evaluationErrors > 0) {
            out.println("Evaluation errors: " + evaluationErrors + " answer(s) could not be rated and were left out of the scores.");
        }
        unusable.forEach(tally -> out.println(line(tally)));
        out.println("Report: " + written.reportHtml());
        out.println();
        out.println("Best prompt:");
        out.println("-----");
        out.println(r.bestPrompt().text().stripTrailing());
        out.println("-----");
        out.println("Best prompt saved to " + written.bestPrompt());
        out.flush();
    }

    /** The library's line for replies that were no answer, with the task-file key to change where there is one. */
    static String line(UnusableReplies.Tally tally) {
        boolean limit = tally.kind() != UnusableReplyException.Kind.REFUSED;
        return tally.line() + (limit ? " (task file: models." + tally.role().key() + ".max_tokens)" : "") + ".";
    }

    /** The candidate's latest validation score ({@link OptimizationResult#validationScore}) as {@link ScoreText} shows it. */
    static String validation(OptimizationResult r, String id) {
        return r.validationScore(id).map(sc -> ScoreText.onRows(sc.score(), sc.rated(), sc.errors())).orElse(ScoreText.NONE);
    }

    /** The test line: the means over rows rated for both prompts, and the rows left out when there are any. */
    static String test(TestScore t) {
        String unrated = t.initialErrors() + t.bestErrors() == 0 ? ""
                : "; left out as unrated: " + t.initialErrors() + " row(s) of the initial prompt, " + t.bestErrors()
                        + " of the best";
        if (t.rows() == 0) {
            return "Test (never seen during search): initial " + ScoreText.NONE + ", best " + ScoreText.NONE
                    + ", no row could be rated for both prompts" + unrated + ".";
        }
        return String.format(Locale.ROOT, "Test (%d rows rated for both prompts, never seen during search%s): initial %s,"
                        + " best %s, difference %+.3f (95%% interval %+.3f to %+.3f).",
                t.rows(), unrated, ScoreText.of(t.initial()), ScoreText.of(t.best()), t.difference(), t.low(), t.high());
    }

    private static String stopReason(OptimizationResult r) {
        return switch (r.stopReason()) {
            case COMPLETED -> "all iterations ran";
            case NO_IMPROVEMENT -> "no candidate beat the beam for the patience window";
            case BUDGET -> "budget reached (best prompt so far kept)";
            case INTERRUPTED -> "interrupted";
            case NOTHING_TO_LEARN -> "nothing left to learn (the best prompt passed every validation row and its"
                    + " minibatch gave no gradient)";
        };
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}

package dev.gradsum.cli.progress;

import dev.gradsum.cli.report.ScoreText;
import dev.gradsum.engine.CallEstimate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.ScoredCandidate;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Plain lines, for pipes, files and CI logs: one as each stage ends, with the calls it made and the
 * run's totals so far ({@code no model calls} for a stage that makes none, such as a programmatic
 * metric's evaluate; {@code 30 calls, all replayed from the earlier attempts} while a resumed run
 * replays), and one per finished iteration.
 */
final class LogLines extends Progress {
    LogLines(PrintStream out, Clock clock, int iterations, CallEstimate.Range plannedCalls) {
        super(out, clock, iterations, plannedCalls);
    }

    @Override
    protected void onStage(int plannedCalls) {
    }

    @Override
    protected void onStageDone(int plannedCalls, long calls, long replayed) {
        String stage = plannedCalls == 0 && calls == 0 ? "no model calls"
                : calls >= plannedCalls ? calls + (calls == 1 ? " call" : " calls")
                : calls + " of up to " + plannedCalls + " calls";
        if (replayed > 0) {
            stage += replayed == calls ? ", all replayed from the earlier attempts" : ", " + replayed
                    + " replayed from the earlier attempts";
        }
        out.println("gradsum: " + status() + " (this stage: " + stage + ")");
        out.flush();
    }

    @Override
    protected void onIteration(Iteration it) {
        String beam = String.join(", ", it.beam());
        String best = it.scored().isEmpty() ? "-" : describe(it.best());
        out.println("gradsum: iteration " + it.index() + " done: best " + best + "; beam " + beam
                + (it.improved() ? "; improved" : "; no improvement")
                + (it.dropped().isEmpty() ? "" : "; " + it.dropped().size() + " candidate(s) dropped"));
        out.flush();
    }

    @Override
    protected void onCallDone() {
    }

    @Override
    protected void onFinish() {
        out.flush();
    }

    private static String describe(ScoredCandidate c) {
        return c.candidate().id() + " " + ScoreText.onRows(c.score(), c.rated(), c.errors());
    }
}

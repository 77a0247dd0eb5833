package dev.gradsum.cli.progress;

import dev.gradsum.search.Iteration;
import dev.gradsum.search.ScoredCandidate;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.stream.Collectors;

/** Plain lines, one per stage and one per finished iteration, for pipes, files and CI logs. */
final class LogLines extends Progress {
    LogLines(PrintStream out, Clock clock, int iterations, long plannedCalls) {
        super(out, clock, iterations, plannedCalls);
    }

    @Override
    protected void onStage(int plannedCalls) {
        out.println("gradsum: " + status() + " (stage: up to " + plannedCalls + " calls)");
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
    public void finish() {
        out.flush();
    }

    private static String describe(ScoredCandidate c) {
        return c.candidate().id() + " " + String.format(Locale.ROOT, "%.3f", c.score())
                + (c.errors() > 0 ? " (" + c.errors() + " evaluation errors)" : "");
    }

    static String ids(java.util.List<ScoredCandidate> scored) {
        return scored.stream().map(c -> c.candidate().id()).collect(Collectors.joining(", "));
    }
}

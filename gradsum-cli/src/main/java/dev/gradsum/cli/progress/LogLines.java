package dev.gradsum.cli.progress;

import dev.gradsum.cli.report.ScoreText;
import dev.gradsum.model.Usage;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.ScoredCandidate;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Plain lines, for pipes, files and CI logs: one as each stage ends, with the calls it made and the
 * run's totals so far ({@code no model calls} for a stage that makes none, such as a programmatic
 * metric's evaluate; {@code 11 of up to 30 calls, 10 replayed from the earlier attempts} where a resumed
 * run picks up), and one per finished iteration. A resumed run's progress starts where it picks up: the
 * stages it only replays are not listed one by one but in one line ({@code iterations 1–3 replayed from
 * the earlier attempts (1420 answers, free)}) before the first stage that asks anything new.
 */
final class LogLines extends Progress {
    /** While a resumed run only replays: the replayed stages are summed up, not listed. */
    private boolean replaying;
    private long replayedAnswers;
    private int firstReplayed;
    private int lastReplayed;
    private boolean testReplayed;
    LogLines(PrintStream out, Clock clock, int iterations, ExpectedCalls expected) {
        super(out, clock, iterations, expected);
    }

    @Override
    protected void onStage(int plannedCalls) {
    }

    @Override
    public synchronized void resumedFrom(Usage spent) {
        super.resumedFrom(spent);
        replaying = spent.calls() + spent.cachedCalls() > 0; // an attempt before this one asked something
    }

    @Override
    protected void onStageDone(int plannedCalls, long calls, long replayed) {
        if (replaying && replayed == calls) {
            int it = iteration();
            if (firstReplayed == 0 && !isTest()) {
                firstReplayed = it;
            }
            if (isTest()) {
                testReplayed = true;
            } else {
                lastReplayed = it;
            }
            replayedAnswers += replayed;
            return;
        }
        pickedUp();
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
        if (replaying) {
            return; // every stage of it was replayed: summed up in the line where the run picks up
        }
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

    /** A batch changed state or counts: one line, so a log shows submission, states and the end. */
    @Override
    protected void onBatches(String line) {
        out.println("gradsum: " + line);
        out.flush();
    }

    @Override
    protected void onFinish() {
        pickedUp();
        out.flush();
    }

    /** The run asks something new (or ends): the one line for what it only replayed, once. */
    private void pickedUp() {
        if (!replaying) {
            return;
        }
        replaying = false;
        if (replayedAnswers == 0) {
            return;
        }
        String what = firstReplayed == 0 ? "" : firstReplayed == lastReplayed ? "iteration " + firstReplayed
                : "iterations " + firstReplayed + "–" + lastReplayed;
        if (testReplayed) {
            what += (what.isEmpty() ? "" : " and ") + "the final test";
        }
        out.println("gradsum: " + what + " replayed from the earlier attempts (" + replayedAnswers
                + (replayedAnswers == 1 ? " answer" : " answers") + ", free)");
    }

    private static String describe(ScoredCandidate c) {
        return c.candidate().id() + " " + ScoreText.onRows(c.score(), c.rated(), c.errors());
    }
}

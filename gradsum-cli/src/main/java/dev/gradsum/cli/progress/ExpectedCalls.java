package dev.gradsum.cli.progress;

import dev.gradsum.engine.CallEstimate;
import java.util.List;

/**
 * How many calls a run is expected to make in all, for "calls done / expected" and the ETA: the plan's
 * expected count ({@link CallEstimate#expected()}, iteration by iteration), corrected by what the run
 * has shown so far:
 * <ul>
 *   <li>once iterations have finished, the calls they really made over the calls expected of them is
 *       taken to hold for the iterations still to come (the final test is counted as planned: its
 *       calls do not depend on the search's luck);</li>
 *   <li>the running iteration is expected to make its share of that, and never less than what its
 *       running stage still needs (each stage is announced with the calls it will make);</li>
 *   <li>so expected = done + what the running stage and iteration still need + the iterations after
 *       it + the final test, kept within the plan's low–high range and never below the calls done.</li>
 * </ul>
 * Not thread-safe: {@link Progress} calls it under its lock.
 */
final class ExpectedCalls {
    private final CallEstimate.Range range;
    private final CallEstimate.Expected plan;
    private int iterationsFinished;
    private long doneAtIterationEnd;
    private int stageIteration;
    private boolean stageIsTest;
    private boolean stageOpen;
    private long stagePlanned;
    private long stageStartDone;

    ExpectedCalls(CallEstimate.Range range, CallEstimate.Expected plan) {
        this.range = range;
        this.plan = plan;
    }

    /** A plan that knows only its range: the middle of it, all in one part. */
    static ExpectedCalls ofRange(CallEstimate.Range range) {
        return new ExpectedCalls(range, new CallEstimate.Expected(List.of(), Math.round((range.low() + range.high()) / 2.0)));
    }

    /** Whether there is a plan to measure against (none for a demo). */
    boolean known() {
        return range.high() > 0;
    }

    /** A stage of {@code iteration} that will make {@code planned} calls begins, {@code done} calls into the run. */
    void stageStarted(int iteration, boolean test, long planned, long done) {
        this.stageIteration = iteration;
        this.stageIsTest = test;
        this.stageOpen = true;
        this.stagePlanned = planned;
        this.stageStartDone = done;
    }

    /** The stage begun last ended. */
    void stageEnded() {
        stageOpen = false;
    }

    /** An iteration finished, {@code done} calls into the run. */
    void iterationFinished(long done) {
        iterationsFinished++;
        doneAtIterationEnd = done;
    }

    /** The calls the whole run is expected to make, {@code done} calls into it. */
    long expected(long done) {
        if (!known()) {
            return done;
        }
        long stageLeft = stageOpen ? Math.max(0, stagePlanned - (done - stageStartDone)) : 0;
        long through = plan.through(iterationsFinished);
        double share = iterationsFinished > 0 && through > 0 ? (double) doneAtIterationEnd / through : 1;
        double estimate;
        if (stageIsTest) {
            estimate = done + stageLeft;
        } else if (plan.iterations().isEmpty()) {
            // no iterations planned (eval, or a plan known only by its range): the plan less what is done
            estimate = Math.max(done + stageLeft, plan.total());
        } else {
            int current = Math.max(stageIteration, iterationsFinished + 1);
            long madeInIteration = done - doneAtIterationEnd;
            double iterationLeft = Math.max(stageLeft, share * plan.iteration(current) - madeInIteration);
            double later = share * (plan.through(plan.iterations().size()) - plan.through(current));
            estimate = done + iterationLeft + later + plan.test();
        }
        long low = Math.max(done, range.low());
        long high = Math.max(done, range.high());
        return Math.min(high, Math.max(low, Math.round(estimate)));
    }
}

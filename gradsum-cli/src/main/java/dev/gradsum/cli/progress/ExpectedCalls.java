package dev.gradsum.cli.progress;

import dev.gradsum.engine.CallEstimate;

/**
 * How many calls a run is expected to make in all, for "calls done / expected" and the ETA: the plan's
 * range ({@link CallEstimate} low–high), corrected by what the run has shown so far. Each stage is
 * announced with the most calls it could make; the share of that the finished stages really made
 * (cache hits count, failures aside: gradients only for failed rows, judge calls only where needed)
 * is taken to hold for the rest of the run. Before any stage finished, the middle of the range is
 * assumed. The estimate stays within the plan's range and is never below the calls already done.
 * Not thread-safe: {@link Progress} calls it under its lock.
 */
final class ExpectedCalls {
    private final CallEstimate.Range plan;
    private long finishedPlanned;
    private long finishedMade;
    private long stagePlanned;
    private long stageStartDone;

    ExpectedCalls(CallEstimate.Range plan) {
        this.plan = plan;
    }

    /** Whether there is a plan to measure against (none for a demo). */
    boolean known() {
        return plan.high() > 0;
    }

    /** A stage that may make up to {@code planned} calls begins, {@code done} calls into the run. */
    void stageStarted(long planned, long done) {
        this.stagePlanned = planned;
        this.stageStartDone = done;
    }

    /** The stage begun last ended, {@code done} calls into the run. */
    void stageEnded(long done) {
        finishedPlanned += stagePlanned;
        finishedMade += done - stageStartDone;
        stagePlanned = 0;
        stageStartDone = done;
    }

    /** The calls the whole run is expected to make, {@code done} calls into it. */
    long expected(long done) {
        if (!known()) {
            return done;
        }
        double share = finishedPlanned > 0 ? (double) finishedMade / finishedPlanned
                : (plan.low() + plan.high()) / 2.0 / plan.high();
        long stageMade = done - stageStartDone;
        double stageLeft = Math.max(0, stagePlanned * share - stageMade);
        double laterStages = Math.max(0, plan.high() - finishedPlanned - stagePlanned) * share;
        long estimate = Math.round(done + stageLeft + laterStages);
        long low = Math.max(done, plan.low());
        long high = Math.max(done, plan.high());
        return Math.min(high, Math.max(low, estimate));
    }
}

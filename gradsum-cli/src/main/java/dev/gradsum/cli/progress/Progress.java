package dev.gradsum.cli.progress;

import dev.gradsum.cli.report.UsageText;
import dev.gradsum.engine.CallEstimate;
import dev.gradsum.engine.SearchListener;
import dev.gradsum.engine.Stage;
import dev.gradsum.llm.BatchProgress;
import dev.gradsum.llm.CallListener;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.search.Iteration;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a run shows while it works: iteration, stage, calls done of expected ({@link ExpectedCalls}: the
 * plan's expected count corrected by the run's progress), tokens, cost so far, ETA (the expected calls still to
 * make at the rate seen so far) and best validation score. {@link #forOutput} picks a live line redrawn in place on a terminal, or
 * plain log lines when output goes to a pipe or CI. Told by the search ({@link SearchListener}) and by
 * every model call ({@link CallListener}); thread-safe.
 */
public abstract class Progress implements SearchListener, CallListener {
    protected final PrintStream out;
    private final Clock clock;
    private final int iterations;
    private final ExpectedCalls expected;
    private Instant started;
    private int iteration;
    private Stage stage;
    private boolean stageOpen;
    private int stagePlanned;
    private long stageStartDone;
    private long stageStartReplays;
    private Usage total = Usage.ZERO;
    private Usage before = Usage.ZERO;
    private Usage earlierRuns = Usage.ZERO;
    private long replays;
    private double best = Double.NaN;
    private boolean eval;
    private final java.util.Map<String, BatchProgress> batches = new java.util.TreeMap<>();

    Progress(PrintStream out, Clock clock, int iterations, ExpectedCalls expected) {
        this.out = out;
        this.clock = clock;
        this.iterations = iterations;
        this.expected = expected;
        this.started = clock.instant();
    }

    /**
     * As {@link #forOutput(PrintStream, boolean, Clock, int, CallEstimate.Range)}, expecting the calls
     * {@code plan} expects ({@link CallEstimate#expected()}), corrected as the run goes.
     */
    public static Progress forOutput(PrintStream out, boolean interactive, Clock clock, int iterations,
                                     CallEstimate plan) {
        return forOutput(out, interactive, clock, iterations, new ExpectedCalls(plan.totalCalls(), plan.expected()));
    }

    /**
     * @param interactive  a person watches a terminal (a console is attached and {@code CI} is unset)
     * @param plannedCalls the plan's range of calls ({@link CallEstimate#totalCalls()}), for "done of
     *                     expected" and the ETA; {@link CallEstimate.Range#ZERO} when there is no plan
     */
    public static Progress forOutput(PrintStream out, boolean interactive, Clock clock, int iterations,
                                     CallEstimate.Range plannedCalls) {
        return forOutput(out, interactive, clock, iterations, ExpectedCalls.ofRange(plannedCalls));
    }

    static Progress forOutput(PrintStream out, boolean interactive, Clock clock, int iterations,
                              ExpectedCalls expected) {
        return interactive ? new LiveLine(out, clock, iterations, expected)
                : new LogLines(out, clock, iterations, expected);
    }

    /**
     * The progress of {@code gradsum eval}: no iterations, one stage {@code eval} that may make up to
     * {@code expectedCalls} calls (rows × (1 + judge)), begun at once; the same live line or plain
     * lines as {@link #forOutput}, without "best". Call {@link #finish} when the rows are rated.
     */
    public static Progress forEval(PrintStream out, boolean interactive, Clock clock, long expectedCalls) {
        Progress p = forOutput(out, interactive, clock, 0, new CallEstimate.Range(expectedCalls, expectedCalls));
        p.beginEval((int) Math.min(Integer.MAX_VALUE, expectedCalls));
        return p;
    }

    private synchronized void beginEval(int expectedCalls) {
        eval = true;
        stageStarted(0, null, expectedCalls);
    }

    /**
     * A resumed run: its earlier attempts spent {@code spent}, which the totals (tokens, cost) include,
     * while calls done count what this attempt's search went through: its calls, and the answers it
     * replays from earlier attempts ({@link LlmReply#replayed()}), which the stage lines name apart.
     */
    public synchronized void resumedFrom(Usage spent) {
        this.before = spent;
        this.total = spent;
    }

    /**
     * The run whose calls were told so far is done, and the next calls belong to another run with a usage
     * count of its own that starts from zero ({@code eval --baseline} rates two prompts, each through its own
     * call path): the totals shown go on from this run's instead of starting again.
     */
    public synchronized void runFinished() {
        earlierRuns = total;
    }

    /** Restarts the clock (call when the search starts, after setup). */
    public synchronized void start() {
        started = clock.instant();
    }

    @Override
    public synchronized void stageStarted(int iteration, Stage stage, int plannedCalls) {
        endStage();
        this.iteration = iteration;
        this.stage = stage;
        this.stageOpen = true;
        this.stagePlanned = plannedCalls;
        this.stageStartDone = done();
        this.stageStartReplays = replays;
        expected.stageStarted(iteration, stage == Stage.TEST, plannedCalls, stageStartDone);
        onStage(plannedCalls);
    }

    @Override
    public synchronized void iterationFinished(Iteration it) {
        endStage();
        expected.iterationFinished(done());
        if (!it.scored().isEmpty() && it.best().hasScore()) {
            best = Double.isNaN(best) ? it.best().score() : Math.max(best, it.best().score());
        }
        onIteration(it);
    }

    @Override
    public synchronized void onCall(Role role, LlmReply reply, Usage total) {
        this.total = earlierRuns.plus(total);
        if (reply.replayed()) {
            replays++;
        }
        onCallDone();
    }

    /**
     * A model's provider batches changed (state, counts): the status shows them while requests wait
     * ({@code batches: 1 in progress; 40 waiting, 0 answered}), and the subclass is told the model's line.
     */
    @Override
    public synchronized void onBatchProgress(BatchProgress progress) {
        BatchProgress before = batches.put(progress.model(), progress);
        if (!progress.sameBatches(before)) {
            onBatches(progress.model() + " " + progress.line());
        }
    }

    /** Told a model's batch line when it changed ({@code ANTHROPIC/claude-haiku-4-5 batches: 1 completed; ...}). */
    protected void onBatches(String line) {
    }

    /** Ends the display (the live line gets its newline); a stage still open is reported as it stands. */
    public synchronized void finish() {
        endStage();
        onFinish();
    }

    private void endStage() {
        if (stageOpen) {
            stageOpen = false;
            expected.stageEnded();
            onStageDone(stagePlanned, done() - stageStartDone, replays - stageStartReplays);
        }
    }

    /** Calls this attempt's search went through: paid, from the cache, or replayed. */
    private long done() {
        return total.calls() + total.cachedCalls() - before.calls() - before.cachedCalls() + replays;
    }

    /** The iteration of the stage begun last. */
    protected synchronized int iteration() {
        return iteration;
    }

    /** Whether the stage begun last is the final test. */
    protected synchronized boolean isTest() {
        return stage == Stage.TEST;
    }

    protected abstract void onStage(int plannedCalls);

    /**
     * The stage begun last is over (the next one began, the iteration or the run ended); the status
     * still shows it.
     *
     * @param plannedCalls the most calls it could make
     * @param calls        the calls it made, paid or answered from the cache or replayed
     * @param replayed     of those, the answers replayed from an earlier attempt of a resumed run
     */
    protected abstract void onStageDone(int plannedCalls, long calls, long replayed);

    protected abstract void onFinish();

    protected abstract void onIteration(Iteration it);

    protected abstract void onCallDone();

    /**
     * {@code iteration 2/10 · validate · calls 120/900 · 45.1k tokens · $0.03 · ETA 3m10s · best 0.733};
     * for {@code eval}: {@code eval · calls 120/512 · 45.1k tokens · $0.03 · ETA 10s}.
     */
    protected synchronized String status() {
        StringBuilder s = new StringBuilder();
        s.append(eval ? "eval" : stage == Stage.TEST ? "final test" : "iteration " + iteration + "/" + iterations);
        if (stage != null && stage != Stage.TEST) {
            s.append(" · ").append(stage.name().toLowerCase(Locale.ROOT));
        }
        long done = done();
        long expectedCalls = expected.expected(done);
        s.append(" · calls ").append(done);
        if (expected.known()) {
            s.append('/').append(expectedCalls);
        }
        s.append(" · ").append(tokens(total.totalTokens())).append(" tokens").append(UsageText.estimated(total));
        s.append(" · ").append(UsageText.cost(total, 2));
        s.append(" · ETA ").append(eta(done, expectedCalls));
        for (BatchProgress b : batches.values()) {
            if (b.waiting() > 0) {
                s.append(" · ").append(b.line());
            }
        }
        if (eval) {
            return s.toString();
        }
        s.append(" · best ").append(Double.isNaN(best) ? "-" : String.format(Locale.ROOT, "%.3f", best));
        return s.toString();
    }

    private String eta(long done, long expectedCalls) {
        if (done == 0 || expectedCalls <= done) {
            return "-";
        }
        Duration elapsed = Duration.between(started, clock.instant());
        long seconds = elapsed.toMillis() * (expectedCalls - done) / done / 1000;
        return seconds >= 3600 ? seconds / 3600 + "h" + (seconds % 3600) / 60 + "m"
                : seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }

    static String tokens(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        return n >= 1000 ? String.format(Locale.ROOT, "%.1fk", n / 1e3) : String.valueOf(n);
    }

    protected synchronized Instant now() {
        return clock.instant();
    }
}

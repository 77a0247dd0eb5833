package dev.gradsum.recording;

import dev.gradsum.engine.SearchListener;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallListener;
import dev.gradsum.search.OptimizationResult;

/**
 * One attempt of a run being written into a store as it happens. The library wires it into the run
 * ({@code OptimizationRun}): as the run's {@link #cache() cache} (each paid call is counted for this run
 * in the same transaction that stores its reply, so what the run spent survives any crash), as a
 * {@link CallListener} (cache hits are counted) and as a {@link SearchListener} (candidates with parent
 * and feedback, every rated row, gradients, summaries, drops, iterations). End it with
 * {@link #finished}, {@link #stopped} or {@link #failed}; a run whose process dies first is found
 * {@code interrupted}. Thread-safe.
 */
public interface RunRecording extends SearchListener, CallListener {
    /** The run's id. */
    String runId();

    /** 1 for a new run, one more for each resume. */
    int attempt();

    /** The store's call cache, counting every paid call of this run as its reply is stored. */
    CallCache cache();

    /** As {@link #cache()} but never answering: fresh replies are still kept and counted. */
    CallCache writeOnlyCache();

    /** Records what the run was asked to do; a resume records it again, replacing the earlier one. */
    void describe(RunDescription description);

    /** The search returned: the run is {@code finished}, or {@code stopped} when it was interrupted. */
    void finished(OptimizationResult result);

    /** The user stopped the run before the search could return: what is stored stays. */
    void stopped();

    /** The run ended on an error; resuming it answers what was paid for from the store. */
    void failed(Throwable error);
}

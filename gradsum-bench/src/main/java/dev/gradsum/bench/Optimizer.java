package dev.gradsum.bench;

import dev.gradsum.bench.peers.SearchTrace;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Usage;

/**
 * One column of the benchmark table: a prompt optimizer run on a task's train and validation rows
 * (never its test rows) with the settings every column shares.
 */
public interface Optimizer {
    /** Key used on the command line and in JSON, e.g. {@code gradsum}. */
    String key();

    /** Column heading, e.g. {@code GRAD-SUM}. */
    String label();

    Outcome optimize(BenchTask task, BenchSettings settings);

    /** The returned prompt, what the search spent, and what it did over time. */
    record Outcome(PromptTemplate best, Usage usage, long elapsedMs, String stopReason, SearchTrace trace) {
        /** An outcome with an empty trace (a column that does not search). */
        public Outcome(PromptTemplate best, Usage usage, long elapsedMs, String stopReason) {
            this(best, usage, elapsedMs, stopReason, new SearchTrace());
        }
    }
}

package dev.gradsum.bench;

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

    /** The returned prompt and what the search spent. */
    record Outcome(PromptTemplate best, Usage usage, long elapsedMs, String stopReason) {
    }
}

package dev.gradsum.engine;

import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Task;

/**
 * The model calls one rated row costs: the target's answer, plus one verdict per judge sample when the
 * LLM judge rates it ({@code SearchOptions.judgeSamples}; none with a programmatic metric). The one rule
 * for the planned calls of every stage that rates rows, and of {@code gradsum eval}'s progress.
 */
public final class RowCalls {
    private RowCalls() {
    }

    /** Calls per rated row of {@code task} searched or evaluated with {@code options}. */
    public static int of(Task task, SearchOptions options) {
        return task.metric() == null ? 1 + options.judgeSamples() : 1;
    }
}

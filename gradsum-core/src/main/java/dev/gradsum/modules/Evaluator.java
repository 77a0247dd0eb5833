package dev.gradsum.modules;

import dev.gradsum.metric.Metric;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Paper step 2, evaluation: rates each answer with a {@link Metric} (the LLM judge of meta-prompt
 * {@code evaluator.md}, or a programmatic metric).
 */
public final class Evaluator {
    public Evaluator(Metric metric, Executor executor) {
        throw new UnsupportedOperationException("todo");
    }

    public List<Evaluation> evaluate(List<Generation> generations) {
        throw new UnsupportedOperationException("todo");
    }
}

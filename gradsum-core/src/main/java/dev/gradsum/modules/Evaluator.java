package dev.gradsum.modules;

import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Paper step 2, evaluation: rates each answer with a {@link Metric} (the LLM judge of meta-prompt
 * {@code evaluator.md}, or a programmatic metric).
 *
 * <p>Contract: one {@link Evaluation} per generation, in input order, rated concurrently (the judge
 * makes model calls). A generation that failed is not rated: its score is an error
 * ({@code generation failed: …}), reported and excluded from averages. A refused generation is rated
 * a failed answer (score 0, the refusal as its reason), never left out.
 */
public final class Evaluator {
    private final Metric metric;
    private final Executor executor;

    public Evaluator(Metric metric, Executor executor) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public List<Evaluation> evaluate(List<Generation> generations) {
        return Interrupts.failFast(generations, this::evaluate, executor);
    }

    private Evaluation evaluate(Generation generation) {
        Score score = generation.failed()
                ? Score.error("generation failed: " + generation.error())
                : generation.refused()
                ? Score.fail("answer refused: " + generation.refusal())
                : metric.score(generation.example(), generation.output());
        return new Evaluation(generation, score);
    }
}

package dev.gradsum.modules;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
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

    /** One evaluation per generation, in order, rated concurrently. */
    public List<Evaluation> evaluate(List<Generation> generations) {
        return Interrupts.failFast(generations, this::evaluate, executor);
    }

    /**
     * Generate then rate, per row: each row's answer is rated as soon as it arrives, not after every row
     * is answered, so judge calls overlap the remaining generations (no stage barrier). One evaluation
     * per row, in input order, the same as {@code evaluate(generator.generate(prompt, rows))}; the first
     * failure that stops the run (budget, interrupt, configuration) is rethrown and the rest cancelled.
     */
    public List<Evaluation> rate(Generator generator, PromptTemplate prompt, List<Example> rows) {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(prompt, "prompt");
        return Interrupts.failFast(rows, row -> rate(generator, prompt, row), executor);
    }

    /** One row answered by {@code generator} and rated as soon as the answer arrives. */
    public Evaluation rate(Generator generator, PromptTemplate prompt, Example row) {
        return evaluate(generator.generate(prompt, row));
    }

    /** One generation rated (see the class contract for failed and refused generations). */
    public Evaluation evaluate(Generation generation) {
        Score score = generation.failed()
                ? Score.error("generation failed: " + generation.error())
                : generation.refused()
                ? Score.fail("answer refused: " + generation.refusal())
                : metric.score(generation.example(), generation.output());
        return new Evaluation(generation, score);
    }
}

package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Evaluator;
import dev.gradsum.modules.Generator;
import dev.gradsum.modules.GradientGenerator;
import dev.gradsum.modules.GradientSummarizer;
import dev.gradsum.modules.PromptEditor;
import java.util.List;
import java.util.Objects;

/**
 * The five modules of the GRAD-SUM paper, in the order one iteration uses them. The generation and
 * evaluation of held-out rows (validation, test, eval) have a pair of their own, {@link HeldOut}: the same
 * modules, whose calls may go out as provider batches, while the training minibatch, which the loop waits
 * on, stays online.
 */
public record SearchModules(Generator generator, Evaluator evaluator, HeldOut heldOut,
                            GradientGenerator gradientGenerator, GradientSummarizer summarizer, PromptEditor editor) {
    public SearchModules {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(heldOut, "heldOut");
        Objects.requireNonNull(gradientGenerator, "gradientGenerator");
        Objects.requireNonNull(summarizer, "summarizer");
        Objects.requireNonNull(editor, "editor");
    }

    /** The modules without a batch path: held-out rows are rated by the same ones as the minibatch. */
    public SearchModules(Generator generator, Evaluator evaluator, GradientGenerator gradientGenerator,
                         GradientSummarizer summarizer, PromptEditor editor) {
        this(generator, evaluator, new HeldOut(generator, evaluator), gradientGenerator, summarizer, editor);
    }

    /** Generation and evaluation of held-out rows, whose calls may go out as provider batches. */
    public record HeldOut(Generator generator, Evaluator evaluator) {
        public HeldOut {
            Objects.requireNonNull(generator, "generator");
            Objects.requireNonNull(evaluator, "evaluator");
        }
    }

    /**
     * The prompt's answers to held-out {@code rows} (validation, test, eval), each rated as soon as it
     * arrives ({@link Evaluator#rate}), through {@link #heldOut}.
     */
    public List<Evaluation> rate(PromptTemplate prompt, List<Example> rows) {
        return heldOut.evaluator().rate(heldOut.generator(), prompt, rows);
    }

    /**
     * The prompt's answers to training {@code rows} (the minibatch gate), each rated as soon as it arrives,
     * online: the loop waits on them.
     */
    public List<Evaluation> rateTraining(PromptTemplate prompt, List<Example> rows) {
        return evaluator.rate(generator, prompt, rows);
    }

    /** The prompt's answer to one training row, rated as soon as it arrives (online: the loop waits on it). */
    public Evaluation rateTraining(PromptTemplate prompt, Example row) {
        return evaluator.rate(generator, prompt, row);
    }
}

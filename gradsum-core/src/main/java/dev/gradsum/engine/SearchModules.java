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

/** The five modules of the GRAD-SUM paper, in the order one iteration uses them. */
public record SearchModules(Generator generator, Evaluator evaluator, GradientGenerator gradientGenerator,
                            GradientSummarizer summarizer, PromptEditor editor) {
    public SearchModules {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(gradientGenerator, "gradientGenerator");
        Objects.requireNonNull(summarizer, "summarizer");
        Objects.requireNonNull(editor, "editor");
    }

    /** The prompt's answers to {@code rows}, each rated as soon as it arrives ({@link Evaluator#rate}). */
    public List<Evaluation> rate(PromptTemplate prompt, List<Example> rows) {
        return evaluator.rate(generator, prompt, rows);
    }

    /** The prompt's answer to one row, rated as soon as it arrives. */
    public Evaluation rate(PromptTemplate prompt, Example row) {
        return evaluator.rate(generator, prompt, row);
    }
}

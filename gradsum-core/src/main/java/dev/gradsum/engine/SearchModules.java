package dev.gradsum.engine;

import dev.gradsum.modules.Evaluator;
import dev.gradsum.modules.Generator;
import dev.gradsum.modules.GradientGenerator;
import dev.gradsum.modules.GradientSummarizer;
import dev.gradsum.modules.PromptEditor;
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
}

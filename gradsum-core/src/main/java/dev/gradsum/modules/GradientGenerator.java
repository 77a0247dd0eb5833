package dev.gradsum.modules;

import dev.gradsum.llm.Llm;
import dev.gradsum.task.PromptTemplate;
import dev.gradsum.task.Task;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Paper step 3, gradient generation: for every failed answer (not passed, not an evaluation error),
 * asks how the prompt should change (meta-prompt {@code gradient_generator.md}).
 */
public final class GradientGenerator {
    public GradientGenerator(Llm gradient, MetaPrompts prompts, Executor executor) {
        throw new UnsupportedOperationException("todo");
    }

    public List<Gradient> generate(Task task, PromptTemplate prompt, List<Evaluation> evaluations) {
        throw new UnsupportedOperationException("todo");
    }
}

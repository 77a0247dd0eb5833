package dev.gradsum.modules;

import dev.gradsum.llm.Llm;
import dev.gradsum.task.PromptTemplate;
import dev.gradsum.task.Task;
import java.util.List;

/**
 * Paper step 4, gradient summarization, the paper's contribution: all gradients of one prompt become
 * one general paragraph that fits the whole dataset (meta-prompt {@code gradient_summarizer.md}).
 */
public final class GradientSummarizer {
    public GradientSummarizer(Llm summarizer, MetaPrompts prompts) {
        throw new UnsupportedOperationException("todo");
    }

    public String summarize(Task task, PromptTemplate prompt, List<Gradient> gradients) {
        throw new UnsupportedOperationException("todo");
    }
}

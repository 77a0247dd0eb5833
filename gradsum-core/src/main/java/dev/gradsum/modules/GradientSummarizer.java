package dev.gradsum.modules;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Paper step 4, gradient summarization, the paper's contribution: all gradients of one prompt become
 * one general paragraph that fits the whole dataset (meta-prompt {@code gradient_summarizer.md}).
 *
 * <p>Contract: one call for all gradients of one prompt; no gradients means no call and an empty
 * summary. The answer is trimmed and a leading {@code Summary:} label is removed. A call that fails
 * for good throws {@code LlmException}.
 */
public final class GradientSummarizer {
    private static final Pattern LABEL = Pattern.compile("^[*#\\s]*summary\\s*[*]*\\s*:\\s*[*]*\\s*", Pattern.CASE_INSENSITIVE);

    private final Llm summarizer;
    private final MetaPrompts prompts;

    public GradientSummarizer(Llm summarizer, MetaPrompts prompts) {
        this.summarizer = Objects.requireNonNull(summarizer, "summarizer");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
    }

    public String summarize(Task task, PromptTemplate prompt, List<Gradient> gradients) {
        if (gradients.isEmpty()) {
            return "";
        }
        String request = prompts.get(MetaPrompts.GRADIENT_SUMMARIZER).render(Map.of(
                "task", task.description(),
                "prompt", prompt.optimizerView(),
                "gradients", TaggedSections.gradients(gradients)));
        return clean(summarizer.chat(LlmRequest.user(request)).text());
    }

    static String clean(String answer) {
        return LABEL.matcher(answer.strip()).replaceFirst("").strip();
    }
}

package dev.gradsum.modules;

import dev.gradsum.llm.Llm;
import dev.gradsum.task.PromptTemplate;
import dev.gradsum.task.Task;
import java.util.List;

/**
 * Paper step 5, prompt editing: rewrites the prompt from the summary (meta-prompt
 * {@code prompt_editor.md}) or, with {@code summarize=false}, from the raw gradients
 * ({@code prompt_editor_raw_gradients.md}) into K candidates. Candidates keep every placeholder and
 * the prompt's language; one that does not is repaired once, then dropped (and the drop recorded).
 */
public final class PromptEditor {
    public PromptEditor(Llm editor, MetaPrompts prompts) {
        throw new UnsupportedOperationException("todo");
    }

    /** Edits from a summary paragraph. */
    public Edit edit(Task task, PromptTemplate prompt, String summary, int k) {
        throw new UnsupportedOperationException("todo");
    }

    /** The ablation: edits from the raw gradient list. */
    public Edit editFromGradients(Task task, PromptTemplate prompt, List<Gradient> gradients, int k) {
        throw new UnsupportedOperationException("todo");
    }
}

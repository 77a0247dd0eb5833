package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.assertFilledWithAllTags;
import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientSummarizerTest {
    private final Task task = Task.builder().description("Solve arithmetic questions.")
            .prompt("Q: {question}").criteria(Criteria.binary("Correct.")).build();

    @Test
    void all_gradients_of_a_prompt_go_into_one_call_and_one_paragraph_comes_back() {
        ScriptedChatModel model = ScriptedChatModel.answering("  Summary: Ask the model to show its steps and end with the number alone.\n");
        List<Gradient> gradients = List.of(new Gradient("1", "Show steps."), new Gradient("2", "Number alone."),
                new Gradient("3", "Check units."));
        String summary = new GradientSummarizer(llm(Role.SUMMARIZER, model), MetaPrompts.defaults())
                .summarize(task, task.prompt(), gradients);

        assertThat(summary).isEqualTo("Ask the model to show its steps and end with the number alone.");
        assertThat(model.callCount()).isEqualTo(1);
        String request = model.calls().get(0).user();
        assertFilledWithAllTags(request, MetaPrompts.GRADIENT_SUMMARIZER);
        assertThat(request).contains("<gradient>\nShow steps.\n</gradient>\n<gradient>\nNumber alone.\n</gradient>")
                .contains("<gradient>\nCheck units.\n</gradient>")
                .contains("ONE general paragraph");
    }

    @Test
    void no_gradients_means_no_call_and_an_empty_summary() {
        ScriptedChatModel model = ScriptedChatModel.answering("x");
        assertThat(new GradientSummarizer(llm(Role.SUMMARIZER, model), MetaPrompts.defaults())
                .summarize(task, task.prompt(), List.of())).isEmpty();
        assertThat(model.callCount()).isZero();
    }

    @Test
    void a_markdown_summary_label_is_removed_too() {
        assertThat(GradientSummarizer.clean("**Summary:** Be brief.")).isEqualTo("Be brief.");
        assertThat(GradientSummarizer.clean("The summary: be brief.")).isEqualTo("The summary: be brief.");
    }
}

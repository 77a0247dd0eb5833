package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.CallPath;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the editor's sampling temperature comes from (issue 9: it was always 0.7, overriding the task file). */
class EditorTemperatureTest {
    private final Task task = Task.builder().description("Answer questions.").prompt("Answer {question}.")
            .criteria(Criteria.binary("Correct.")).build();

    /** An editor model built with {@code temperature} (null: none), recording the temperature of each request. */
    private static final class EditorModel implements ChatModel {
        private final Double temperature;
        final List<Double> sent = new ArrayList<>();

        EditorModel(Double temperature) {
            this.temperature = temperature;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            sent.add(request.temperature());
            return ChatResponse.builder().aiMessage(AiMessage.from("{\"prompts\": [\"Answer {question} in one word.\"]}"))
                    .tokenUsage(new TokenUsage(1, 1)).build();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName("editor").temperature(temperature).build();
        }
    }

    private static PromptEditor editor(EditorModel model) {
        return new PromptEditor(CallPath.builder().retryPolicy(RetryPolicy.none()).build().llm(Role.EDITOR, model),
                MetaPrompts.defaults());
    }

    @Test
    void the_editor_samples_at_its_model_sections_temperature() {
        EditorModel model = new EditorModel(0.3);
        editor(model).edit(task, task.prompt(), "Be brief.", 1);

        assertThat(model.sent).containsExactly(0.3);
    }

    @Test
    void an_editor_model_without_a_temperature_samples_at_0_7() {
        EditorModel model = new EditorModel(null);
        editor(model).edit(task, task.prompt(), "Be brief.", 1);

        assertThat(model.sent).containsExactly(PromptEditor.DEFAULT_TEMPERATURE);
    }
}

package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.assertFilledWithAllTags;
import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.CallPath;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A chat prompt through the generator (messages as sent) and the editor (the optimized messages only). */
class ChatPromptModulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PromptTemplate prompt = PromptTemplate.builder()
            .system("You answer questions about {topic}.")
            .user("Question: {question}")
            .history("turns")
            .build();
    private final Task task = Task.builder().description("Answer questions.").prompt(prompt)
            .criteria(Criteria.binary("Correct.")).build();

    private static String prompts(Object... candidates) {
        try {
            return JSON.writeValueAsString(Map.of("prompts", List.of(candidates)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void the_target_gets_the_system_message_the_prior_turns_then_the_user_message() {
        List<ChatMessage> sent = new ArrayList<>();
        ChatModel target = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                sent.addAll(request.messages());
                return ChatResponse.builder().aiMessage(AiMessage.from("12")).build();
            }
        };
        Generator generator = new Generator(CallPath.builder().retryPolicy(RetryPolicy.none()).build()
                .llm(Role.TARGET, target), Runnable::run);
        Example row = new Example("r1", Map.of("topic", "maths", "question", "And times 3?",
                "turns", "[{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"4\"}]"));

        Generation g = generator.generate(prompt, row);

        assertThat(sent).containsExactly(SystemMessage.from("You answer questions about maths."), UserMessage.from("2+2?"),
                AiMessage.from("4"), UserMessage.from("Question: And times 3?"));
        assertThat(g.output()).isEqualTo("12");
        assertThat(g.input()).isEqualTo("System: You answer questions about maths.\n\nUser: 2+2?\n\nAssistant: 4\n\n"
                + "User: Question: And times 3?");
    }

    @Test
    void the_editor_sees_every_message_rewrites_the_optimized_one_and_cannot_touch_the_others() {
        ScriptedChatModel model = new ScriptedChatModel("editor", call -> prompts(
                Map.of("system", "You are an expert on {topic}. Be brief.", "user", "HACKED {question}"),
                Map.of("system", "You are an expert on {topic}. Show your steps.")));
        Edit edit = new PromptEditor(llm(Role.EDITOR, model), MetaPrompts.defaults()).edit(task, prompt, "Be brief.", 2);

        assertThat(edit.dropped()).isEmpty();
        assertThat(edit.candidates()).hasSize(2).allSatisfy(c -> {
            assertThat(c.message("user").orElseThrow().template().text()).isEqualTo("Question: {question}");
            assertThat(c.history()).isEqualTo("turns");
        });
        assertThat(edit.candidates()).extracting(c -> c.message("system").orElseThrow().template().text())
                .containsExactly("You are an expert on {topic}. Be brief.", "You are an expert on {topic}. Show your steps.");
        String request = model.calls().get(0).user();
        assertFilledWithAllTags(request, MetaPrompts.PROMPT_EDITOR_CHAT);
        assertThat(request).contains("<optimized>\nsystem\n</optimized>")
                .contains("<placeholders>\n- system: {topic}\n</placeholders>")
                .contains("\"user\" : \"Question: {question}\"");
    }

    @Test
    void each_optimized_message_is_checked_on_its_own_then_repaired_once_or_dropped() {
        PromptTemplate both = PromptTemplate.builder().system("Expert on {topic}.").user("Question: {question}")
                .optimize("system", "user").build();
        ScriptedChatModel model = new ScriptedChatModel("editor", call -> call.user().contains("<candidate>\n")
                ? prompts(Map.of("system", "Expert on {topic}, precise.", "user", "问题：{question}"))
                : prompts(Map.of("system", "Expert on the subject.", "user", "Question: {question}, answer briefly."),
                        Map.of("system", "Expert on {topic}."),
                        "just a string"));
        Edit edit = new PromptEditor(llm(Role.EDITOR, model), MetaPrompts.defaults()).edit(task, both, "s", 3);

        assertThat(edit.candidates()).isEmpty();
        assertThat(edit.dropped()).hasSize(3);
        // the repair fixed the system message but wrote the user message in another language
        assertThat(edit.dropped().get(0)).startsWith("candidate 1 dropped: message user: changed language")
                .doesNotContain("message system");
        assertThat(edit.dropped().get(1)).startsWith("candidate 2 dropped: ");
        assertThat(edit.dropped().get(2)).startsWith("candidate 3 dropped: ");
        assertThat(model.calls()).hasSize(4); // the edit, then one repair per candidate
        assertThat(model.calls().get(2).user()).contains("<problem>\nmessage user: missing\n</problem>");
        assertThat(model.calls().get(3).user()).contains("<problem>\nnot a JSON object from message name to text");
        String repair = model.calls().get(1).user();
        assertFilledWithAllTags(repair, MetaPrompts.PROMPT_EDITOR_REPAIR_CHAT);
        assertThat(repair).contains("<optimized>\nsystem, user\n</optimized>")
                .contains("<problem>\nmessage system: lost placeholder {topic}\n</problem>");
    }
}

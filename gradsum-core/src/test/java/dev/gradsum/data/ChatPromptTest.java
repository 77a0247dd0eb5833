package dev.gradsum.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.data.PromptTemplate.Conversation;
import dev.gradsum.data.PromptTemplate.MessageRole;
import dev.gradsum.data.PromptTemplate.Turn;
import dev.gradsum.exception.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatPromptTest {
    private final PromptTemplate chat = PromptTemplate.builder()
            .system("You answer questions about {topic}.")
            .example("What is 2+2?", "4")
            .user("Question: {question}")
            .build();

    @Test
    void a_prompt_with_only_a_user_template_is_the_single_template_of_old() {
        PromptTemplate built = PromptTemplate.builder().user("Q: {q}").build();
        assertThat(built).isEqualTo(PromptTemplate.of("Q: {q}"));
        assertThat(built.isChat()).isFalse();
        assertThat(built.text()).isEqualTo("Q: {q}");
        assertThat(built.optimizerView()).isEqualTo("Q: {q}");
        assertThat(built.messages()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("user");
            assertThat(m.optimized()).isTrue();
        });
    }

    @Test
    void messages_are_named_and_the_system_message_is_optimized_by_default() {
        assertThat(chat.isChat()).isTrue();
        assertThat(chat.messages()).extracting(PromptTemplate.Message::name)
                .containsExactly("system", "example_1_user", "example_1_assistant", "user");
        assertThat(chat.optimized()).extracting(PromptTemplate.Message::name).containsExactly("system");
        assertThat(chat.placeholders()).containsExactly("topic", "question");
        PromptTemplate both = PromptTemplate.builder().system("S").user("{q}").optimize("system", "user").build();
        assertThat(both.optimized()).hasSize(2);
        assertThat(PromptTemplate.builder().system("S").user("{q}").optimize("user").build().optimized())
                .extracting(PromptTemplate.Message::name).containsExactly("user");
    }

    @Test
    void an_unknown_optimized_name_or_a_missing_user_template_is_a_configuration_error() {
        assertThatThrownBy(() -> PromptTemplate.builder().system("S").user("U").optimize("sytem").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no message named \"sytem\"")
                .hasMessageContaining("system, user");
        assertThatThrownBy(() -> PromptTemplate.builder().system("S").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("needs a user message");
    }

    @Test
    void the_text_covers_every_message_and_reads_back_equal() {
        assertThat(chat.text()).contains("You answer questions about {topic}.", "What is 2+2?", "\"4\"",
                "Question: {question}", "\"optimized\" : true");
        PromptTemplate other = PromptTemplate.builder().system("You answer questions about {topic}.")
                .example("What is 2+2?", "5").user("Question: {question}").build();
        assertThat(other.text()).isNotEqualTo(chat.text());
        assertThat(PromptTemplate.parse(chat.text())).isEqualTo(chat);
        assertThat(PromptTemplate.parse(chat.text()).optimized()).extracting(PromptTemplate.Message::name)
                .containsExactly("system");
        assertThat(PromptTemplate.parse("Plain {x}")).isEqualTo(PromptTemplate.of("Plain {x}"));
        PromptTemplate withHistory = PromptTemplate.builder().user("{q}").history("turns").build();
        assertThat(withHistory.isChat()).isTrue();
        assertThat(PromptTemplate.parse(withHistory.text()).history()).isEqualTo("turns");
    }

    @Test
    void replacing_optimized_messages_keeps_every_other_message_byte_for_byte() {
        PromptTemplate edited = chat.withOptimized(Map.of(
                "system", PromptTemplate.of("You are an expert on {topic}."),
                "user", PromptTemplate.of("changed {question}")));
        assertThat(edited.message("system").orElseThrow().template().text()).isEqualTo("You are an expert on {topic}.");
        assertThat(edited.message("user").orElseThrow().template().text()).isEqualTo("Question: {question}");
        assertThat(edited.message("example_1_assistant").orElseThrow().template().text()).isEqualTo("4");
    }

    @Test
    void a_row_is_filled_into_every_message_with_its_history_before_the_user_message() {
        PromptTemplate prompt = PromptTemplate.builder().system("Expert on {topic}.").user("{question}")
                .history("turns").build();
        Example row = new Example("r1", Map.of("topic", "maths", "question", "And times 3?",
                "turns", "[{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"4\"}]"));
        Conversation c = prompt.conversation(row);
        assertThat(c.system()).isEqualTo("Expert on maths.");
        assertThat(c.turns()).containsExactly(new Turn(MessageRole.USER, "2+2?"), new Turn(MessageRole.ASSISTANT, "4"));
        assertThat(c.user()).isEqualTo("And times 3?");
        assertThat(c.transcript()).isEqualTo("System: Expert on maths.\n\nUser: 2+2?\n\nAssistant: 4\n\nUser: And times 3?");
        assertThat(PromptTemplate.of("{question}").conversation(row).transcript()).isEqualTo("And times 3?");
    }

    @Test
    void a_history_field_that_is_not_a_list_of_turns_names_the_row_and_the_field() {
        PromptTemplate prompt = PromptTemplate.builder().user("{q}").history("turns").build();
        assertThatThrownBy(() -> prompt.conversation(new Example("r7", Map.of("q", "x", "turns", "hello"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("example r7: history field \"turns\" must be a list");
        assertThatThrownBy(() -> prompt.conversation(new Example("r8", Map.of("q", "x",
                "turns", "[{\"role\":\"system\",\"content\":\"x\"}]"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("turn 1");
        assertThatThrownBy(() -> prompt.conversation(new Example("r9", Map.of("q", "x"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no history field \"turns\"");
        assertThat(prompt.conversation(new Example("r1", Map.of("q", "x", "turns", "[]"))).turns()).isEqualTo(List.of());
    }
}

package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.metric.Metric;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peer methods (ProTeGi, GEPA) on a chat task rewrite only its optimized message and keep the
 * others byte for byte, as GRAD-SUM does, so the columns compare the same kind of prompt; a chat prompt
 * with more than one optimized message, which they cannot rewrite as one text, is refused before any call.
 */
class PeersOnChatTasksTest {
    private static final String USER = "Question {q}: answer yes or no.";

    /** The target answers yes only when its system message says so; the editor always proposes that. */
    private static final class World {
        final ScriptedChat target = new ScriptedChat(r -> ScriptedChat.messages(r).get(0).contains("Say yes") ? "yes" : "no");
        final ScriptedChat editor = new ScriptedChat(r -> "{\"prompts\": [\"You answer questions. Say yes.\"]}");
        final ScriptedChat gradient = new ScriptedChat(r -> "<reason>The prompt never says to answer yes.</reason>");

        ModelRoles roles() {
            return ModelRoles.builder().target(target).judge(target).gradient(gradient).summarizer(gradient)
                    .editor(editor).build();
        }
    }

    private static BenchTask task(PromptTemplate prompt, World world) {
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            rows.add(new Example("r" + i, Map.of("q", String.valueOf(i), "answer", "yes")));
        }
        Task task = Task.builder().name("yes").description("Answer yes.").prompt(prompt)
                .metric(Metric.exact("answer")).build();
        return new BenchTask("yes", "yes", "rows", task, Split.of(Dataset.of("yes", rows), 8, 8, 8, 1),
                world.roles(), Pricing.none(), 4, Duration.ofSeconds(30), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {Optimizers.PROTEGI, Optimizers.GEPA})
    void a_peer_rewrites_only_the_optimized_system_message(String key) {
        World world = new World();
        PromptTemplate initial = PromptTemplate.builder().system("You answer questions.").user(USER).build();

        Optimizer.Outcome outcome = Optimizers.byKey(key).optimize(task(initial, world),
                new BenchSettings(List.of(key), 1, Budget.unlimited(), 1, 100));

        PromptTemplate best = outcome.best();
        assertThat(best.isChat()).isTrue();
        assertThat(best.message(PromptTemplate.Message.USER).orElseThrow().template().text()).isEqualTo(USER);
        assertThat(best.message(PromptTemplate.Message.SYSTEM).orElseThrow().template().text())
                .isEqualTo("You answer questions. Say yes.");
        assertThat(world.editor.requests()).isNotEmpty().allSatisfy(r ->
                assertThat(ScriptedChat.lastUser(r)).contains("You answer questions.").doesNotContain(USER));
    }

    @ParameterizedTest
    @ValueSource(strings = {Optimizers.PROTEGI, Optimizers.GEPA})
    void a_chat_prompt_with_two_optimized_messages_is_refused_before_any_call(String key) {
        World world = new World();
        PromptTemplate initial = PromptTemplate.builder().system("You answer questions.").user(USER)
                .optimize(PromptTemplate.Message.SYSTEM, PromptTemplate.Message.USER).build();

        assertThatThrownBy(() -> Optimizers.byKey(key).optimize(task(initial, world),
                new BenchSettings(List.of(key), 1, Budget.unlimited(), 1, 100)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("optimizes 2 messages (system, user)").hasMessageContaining("--optimizers");
        assertThat(world.target.requests()).isEmpty();
    }

    @Test
    void a_single_prompt_is_still_rewritten_whole() {
        World world = new World();
        ScriptedChat editor = new ScriptedChat(r -> "{\"prompts\": [\"Say yes. " + USER + "\"]}");
        ScriptedChat target = new ScriptedChat(r -> ScriptedChat.lastUser(r).contains("Say yes") ? "yes" : "no");
        BenchTask single = task(PromptTemplate.of(USER), world);
        BenchTask withModels = new BenchTask(single.key(), single.label(), single.data(), single.task(), single.split(),
                ModelRoles.builder().target(target).judge(target).gradient(world.gradient).summarizer(world.gradient)
                        .editor(editor).build(), single.pricing(), 4, single.timeout(), false);

        Optimizer.Outcome outcome = Optimizers.byKey(Optimizers.GEPA).optimize(withModels,
                new BenchSettings(List.of(Optimizers.GEPA), 1, Budget.unlimited(), 1, 100));

        assertThat(outcome.best().isChat()).isFalse();
        assertThat(outcome.best().text()).isEqualTo("Say yes. " + USER);
    }
}

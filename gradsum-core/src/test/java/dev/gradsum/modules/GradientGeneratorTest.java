package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.assertFilledWithAllTags;
import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GradientGeneratorTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Task judged = Task.builder().name("arith").description("Solve arithmetic questions.")
            .prompt("Q: {question}").criteria(Criteria.binary("States <EXPECTED ANSWER>.").expecting("answer")).build();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static Evaluation rated(String id, String output, Score score) {
        Example row = new Example(id, Map.of("question", "q" + id, "answer", "a" + id));
        return new Evaluation(new Generation(row, "Q: q" + id, output, null), score);
    }

    private GradientGenerator generator(ScriptedChatModel model) {
        return new GradientGenerator(llm(Role.GRADIENT, model), MetaPrompts.defaults(), executor);
    }

    @Test
    void only_failures_get_a_gradient_in_order_one_call_each() {
        ScriptedChatModel model = new ScriptedChatModel("m", call ->
                "Advice for " + call.user().substring(call.user().indexOf("<output>\n") + 9, call.user().indexOf("\n</output>")));
        Evaluation crashed = new Evaluation(new Generation(new Example("x", Map.of("question", "qx", "answer", "ax")),
                "Q: qx", "", "timeout"), Score.error("generation failed: timeout"));
        List<Gradient> gradients = generator(model).generate(judged, judged.prompt(), List.of(
                rated("1", "wrong one", Score.fail("missed it")),
                rated("2", "right", Score.pass("fine")),
                rated("3", "unrated", Score.error("judge answer unusable twice")),
                crashed,
                rated("4", "wrong four", Score.fail("also missed"))));

        assertThat(gradients).containsExactly(new Gradient("1", "Advice for wrong one"), new Gradient("4", "Advice for wrong four"));
        assertThat(model.callCount()).isEqualTo(2);
    }

    @Test
    void the_request_shows_task_criteria_prompt_input_output_expected_answer_and_reasoning() {
        ScriptedChatModel model = ScriptedChatModel.answering("Ask for the number alone.");
        generator(model).generate(judged, judged.prompt(), List.of(rated("1", "about 7", Score.fail("The output hedges."))));

        String request = model.calls().get(0).user();
        assertFilledWithAllTags(request, MetaPrompts.GRADIENT_GENERATOR);
        assertThat(request)
                .contains("<task>\nSolve arithmetic questions.\n</task>")
                .contains("<criteria>\nStates <EXPECTED ANSWER>.\n</criteria>")
                .contains("<prompt>\nQ: {question}\n</prompt>")
                .contains("<input>\nQ: q1\n</input>")
                .contains("<output>\nabout 7\n</output>")
                .contains("<expected>\na1\n</expected>")
                .contains("The output hedges.");
    }

    @Test
    void a_metric_task_shows_the_metrics_expected_field_and_name() {
        Metric exact = new Metric() {
            @Override
            public String name() {
                return "exact(answer)";
            }

            @Override
            public Score score(Example example, String output) {
                return Score.fail("differs");
            }

            @Override
            public String expectedField() {
                return "answer";
            }
        };
        Task task = Task.builder().description("Solve.").prompt("Q: {question}").metric(exact).build();
        ScriptedChatModel model = ScriptedChatModel.answering("advice");
        generator(model).generate(task, task.prompt(), List.of(rated("2", "5", Score.fail("differs"))));

        assertThat(model.calls().get(0).user()).contains("<expected>\na2\n</expected>").contains("exact(answer)");
    }

    @Test
    void without_an_expected_answer_there_is_no_expected_section() {
        Task task = Task.builder().description("Write.").prompt("Q: {question}").criteria(Criteria.binary("Be kind.")).build();
        ScriptedChatModel model = ScriptedChatModel.answering("advice");
        generator(model).generate(task, task.prompt(), List.of(rated("1", "rude", Score.fail("rude"))));

        assertThat(model.calls().get(0).user()).doesNotContain("<expected>\n");
    }

    @Test
    void a_failure_whose_call_fails_for_good_is_skipped() {
        ScriptedChatModel model = new ScriptedChatModel("m", call -> {
            if (call.user().contains("<output>\nbad one\n")) {
                throw new IllegalStateException("unreadable reply"); // fails for good, but not every call will
            }
            return "advice";
        });
        List<Gradient> gradients = generator(model).generate(judged, judged.prompt(), List.of(
                rated("1", "bad one", Score.fail("x")), rated("2", "bad two", Score.fail("y"))));

        assertThat(gradients).containsExactly(new Gradient("2", "advice"));
    }
}

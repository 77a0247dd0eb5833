package dev.gradsum.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.engine.CallEstimate;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallPlanTest {
    @TempDir
    Path dir;

    private TaskSetup setup(String evaluation) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            rows.append("{\"q\": \"question ").append(i).append("\", \"a\": \"").append(i).append("\"}\n");
        }
        Files.writeString(dir.resolve("data.jsonl"), rows);
        Files.writeString(dir.resolve("task.yaml"), """
                description: Answer.
                prompt: "Q: {q}"
                data: {path: data.jsonl, split: {train: 4, validation: 4, test: 4}}
                evaluation: %s
                models:
                  target: {provider: openai, model: gpt-4o-mini}
                  optimizer: {provider: openai, model: gpt-4o}
                """.formatted(evaluation));
        return TaskSetup.prepare(TaskFileReader.read(dir.resolve("task.yaml"), "task.yaml"));
    }

    private static final SearchOptions OPTIONS = SearchOptions.builder().beamSize(2).iterations(2)
            .candidatesPerPrompt(2).minibatchSize(30).patience(2).build();

    private static Map<Role, RoleEstimate> byRole(CallPlan plan) {
        return plan.roles().stream().collect(Collectors.toMap(RoleEstimate::role, Function.identity()));
    }

    @Test
    void the_plan_reports_the_library_estimate_per_role_with_the_model_that_plays_it() throws IOException {
        TaskSetup setup = setup("{criteria: Is it correct, expected: a}");
        CallPlan plan = CallPlan.of(setup, OPTIONS, MetaPrompts.defaults());
        CallEstimate estimate = CallEstimate.of(setup.task(), setup.split(), OPTIONS, MetaPrompts.defaults(), null);
        Map<Role, RoleEstimate> r = byRole(plan);

        for (Role role : Role.values()) {
            assertThat(r.get(role).calls()).isEqualTo(estimate.calls(role));
            assertThat(r.get(role).inputTokens()).isEqualTo(estimate.inputTokens(role));
            assertThat(r.get(role).outputTokens()).isEqualTo(estimate.outputTokens(role));
        }
        // low: one iteration, the search stopping with nothing to learn
        assertThat(plan.totalCalls()).isEqualTo(new CallEstimate.Range(24, 120));
        assertThat(r.get(Role.TARGET).model()).isEqualTo("gpt-4o-mini");
        assertThat(r.get(Role.JUDGE).model()).as("the judge falls back to the target").isEqualTo("gpt-4o-mini");
        assertThat(r.get(Role.GRADIENT).model()).isEqualTo("gpt-4o");
    }

    @Test
    void a_programmatic_metric_makes_no_judge_calls_and_the_ablation_no_summaries() throws IOException {
        CallPlan plan = CallPlan.of(setup("{metric: exact, expected: a}"), OPTIONS.toBuilder().summarize(false).build(),
                MetaPrompts.defaults());
        Map<Role, RoleEstimate> r = byRole(plan);

        assertThat(r.get(Role.JUDGE).unused()).isTrue();
        assertThat(r.get(Role.SUMMARIZER).unused()).isTrue();
        assertThat(r.get(Role.EDITOR).calls().high()).isEqualTo(9);
    }

    @Test
    void cost_is_priced_per_role_model_and_grows_with_the_range() throws IOException {
        CallPlan plan = CallPlan.of(setup("{criteria: Is it correct, expected: a}"), OPTIONS, MetaPrompts.defaults());
        Pricing pricing = Pricing.none().with("gpt-4o-mini", 1, 2).with("gpt-4o", 10, 20);

        double[] cost = plan.cost(pricing);

        assertThat(cost[0]).isPositive();
        assertThat(cost[1]).isGreaterThan(cost[0]);
        assertThat(plan.unpriced(pricing)).isEmpty();
        assertThat(plan.unpriced(Pricing.none())).containsExactlyInAnyOrder("gpt-4o-mini", "gpt-4o");
        RoleEstimate editor = byRole(plan).get(Role.EDITOR);
        assertThat(editor.model()).isEqualTo("gpt-4o");
        assertThat(editor.inputTokens().high()).isGreaterThan(editor.inputTokens().low());
    }
}

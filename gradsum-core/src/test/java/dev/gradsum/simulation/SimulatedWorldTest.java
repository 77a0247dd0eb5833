package dev.gradsum.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.llm.CallPath;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.modules.LlmJudge;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedWorldTest {
    private final SimulatedWorld world = SimulatedWorld.create();

    @Test
    void the_dataset_has_order_and_answer_fields_and_the_same_seed_gives_the_same_rows() {
        Dataset rows = world.dataset();
        assertThat(rows.size()).isEqualTo(SimulatedWorld.ROWS);
        assertThat(rows.fields()).containsExactly("order", "answer");
        assertThat(rows.examples().get(0).id()).isEqualTo("order-001");
        assertThat(SimulatedWorld.create().dataset().examples()).isEqualTo(rows.examples());
        assertThat(SimulatedWorld.create(1).dataset().examples()).isNotEqualTo(rows.examples());
    }

    @Test
    void the_task_says_it_is_simulated_and_is_judged_against_the_answer_field() {
        Task task = world.task();
        assertThat(task.description()).contains("SIMULATED");
        assertThat(task.prompt().placeholders()).containsExactly("order");
        assertThat(task.criteria().binary()).isTrue();
        assertThat(task.criteria().expectedField()).isEqualTo("answer");
        assertThat(task.criteria().text()).contains("<EXPECTED ANSWER>");
    }

    @Test
    void every_role_is_played_by_a_simulated_model() {
        for (Role role : Role.values()) {
            assertThat(world.models().model(role).defaultRequestParameters().modelName())
                    .isEqualTo("simulated-" + role.key());
        }
    }

    @Test
    void the_rules_are_listed_for_documentation_with_the_stated_one_first() {
        assertThat(SimulatedWorld.rules()).hasSize(5).first().asString().contains("total only");
    }

    @Test
    void the_judge_behind_llm_judge_passes_exactly_the_answers_equal_to_the_answer_field() {
        Task task = world.task();
        CallPath path = CallPath.builder().build();
        LlmJudge judge = new LlmJudge(path.llm(Role.JUDGE, world.models().model(Role.JUDGE)), task.criteria(),
                task.description(), MetaPrompts.defaults());
        List<Example> rows = world.dataset().examples().subList(0, 20);
        for (Example row : rows) {
            String output = SimulatedModels.ask(world.models().model(Role.TARGET),
                    task.prompt().render(row));
            Score score = judge.score(row, output);
            assertThat(score.error()).isFalse();
            assertThat(score.passed()).as(output + " vs " + row.get("answer"))
                    .isEqualTo(Diagnosis.normalised(output).equals(Diagnosis.normalised(row.get("answer"))));
        }
    }
}

package dev.gradsum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Dataset;
import dev.gradsum.metric.Metric;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.simulation.SimulatedWorld;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.langchain4j.model.chat.ChatModel;
import org.junit.jupiter.api.Test;

/** The library example of the README, run as written against the simulated world's models. */
class ReadmeExampleTest {
    @Test
    void the_readme_library_example_runs_and_improves_the_prompt() {
        SimulatedWorld world = SimulatedWorld.create();
        ChatModel small = world.models().model(dev.gradsum.model.Role.TARGET);
        Dataset dataset = world.dataset();

        // --- as in the README, with the simulated world's models standing in for real ones ---
        Task task = Task.builder()
                .name("orders")
                .description(world.task().description())
                .prompt(world.task().prompt())
                .criteria(Criteria.binary("The answer is correct if it equals <EXPECTED ANSWER>.").expecting("answer"))
                .build();

        OptimizationResult result = GradSum.builder()
                .task(task)
                .models(world.models())          // or ModelRoles.builder().target(small).optimizer(big).build()
                .dataset(dataset)                // Dataset.load(Path.of("orders.jsonl"))
                .splitSizes(30, 30, 90)
                .iterations(4)
                .seed(7)
                .build()
                .optimize();

        System.out.println(result.bestPrompt().text());
        System.out.printf("test: %.3f -> %.3f%n", result.test().initial(), result.test().best());
        // ---

        assertThat(small).isNotNull();
        assertThat(result.test().best()).isGreaterThan(result.test().initial() + 0.3);
        assertThat(result.bestPrompt().placeholders()).containsExactly("order");
        assertThat(result.total().calls()).isPositive();
        assertThat(Metric.numeric("answer").expectedField()).isEqualTo("answer");
        assertThat(ModelRoles.of(small).model(dev.gradsum.model.Role.EDITOR)).isSameAs(small);
    }
}

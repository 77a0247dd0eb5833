package dev.gradsum.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A chat prompt in the simulated world: the rules are stated in the system message, which is the only
 * message optimized; the user template must come back byte for byte, and the score must still rise
 * (the simulated target reads the system message as it reads the user template).
 */
class ChatPromptWorldTest {
    static final String SYSTEM = "You are a billing assistant for an online shop. Work out what the customer "
            + "pays for the order the user gives. Reply with the final amount only, followed by the currency code.";
    static final String USER = "Order: {order}\n\nAmount:";

    @Test
    void optimizing_only_the_system_message_keeps_the_user_template_and_raises_the_score() {
        SimulatedWorld world = SimulatedWorld.create();
        PromptTemplate prompt = PromptTemplate.builder().system(SYSTEM).user(USER).build();
        Task task = Task.builder().name("chat-orders").description(world.task().description()).prompt(prompt)
                .criteria(world.task().criteria()).build();

        OptimizationResult result = GradSum.builder()
                .task(task)
                .models(world.models())
                .dataset(world.dataset())
                .splitSizes(30, 30, 90)
                .iterations(4)
                .seed(7)
                .build()
                .optimize();

        PromptTemplate best = result.bestPrompt();
        assertThat(best.isChat()).isTrue();
        assertThat(best.message("user").orElseThrow().template().text()).isEqualTo(USER);
        assertThat(best.message("user").orElseThrow().optimized()).isFalse();
        String system = best.message("system").orElseThrow().template().text();
        assertThat(system).isNotEqualTo(SYSTEM).startsWith("You are a billing assistant");
        assertThat(Instruction.recognisedIn(system)).isNotEmpty();
        assertThat(result.test().best()).isGreaterThan(result.test().initial() + 0.3);
    }
}

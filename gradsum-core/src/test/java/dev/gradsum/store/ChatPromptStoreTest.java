package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Budget;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.StopReason;
import dev.gradsum.simulation.SimulatedWorld;
import dev.gradsum.task.Task;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat prompt's candidates are stored in the prompt column as their JSON form and read back as chat
 * prompts: a run stopped by its budget resumes from the store with every message and flag intact.
 */
class ChatPromptStoreTest {
    private static final String USER = "Order: {order}\n\nAmount:";

    @TempDir
    Path dir;

    private static GradSum.Builder gradSum(SqliteStore store) {
        SimulatedWorld world = SimulatedWorld.create();
        PromptTemplate prompt = PromptTemplate.builder()
                .system("You are a billing assistant. Work out what the customer pays.").user(USER).build();
        Task task = Task.builder().name("chat-orders").description(world.task().description()).prompt(prompt)
                .criteria(world.task().criteria()).build();
        return GradSum.builder().task(task).models(world.models()).dataset(world.dataset())
                .splitSizes(12, 12, 12).beamSize(2).iterations(3).candidatesPerPrompt(2).minibatchSize(12).seed(7)
                .store(store);
    }

    @Test
    void a_stopped_chat_prompt_run_resumes_from_the_store_with_its_messages() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("gradsum.db"))) {
            OptimizationResult stopped = gradSum(store).budget(new Budget(null, 80L, null)).build().optimize();
            assertThat(stopped.stopReason()).isEqualTo(StopReason.BUDGET);
            String id = store.listRuns().get(0).id();

            OptimizationResult resumed = gradSum(store).build().resume(id);

            assertThat(resumed.stopReason()).isNotEqualTo(StopReason.BUDGET);
            RecordedRun recorded = store.recorded(id).orElseThrow();
            assertThat(recorded.result().candidates()).hasSizeGreaterThan(1).allSatisfy((Candidate c) -> {
                assertThat(c.prompt().isChat()).isTrue();
                assertThat(c.prompt().message("user").orElseThrow().template().text()).isEqualTo(USER);
                assertThat(c.prompt().optimized()).extracting(PromptTemplate.Message::name).containsExactly("system");
            });
            assertThat(recorded.result().bestPrompt()).isEqualTo(resumed.bestPrompt());
        }
    }
}

package dev.gradsum.bench.peers;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.task.Task;
import dev.gradsum.testing.PoolThreads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A peer context shuts down both pools it opened (its executor and its call path's) on close. */
class PeerContextTest {
    @Test
    void close_leaves_no_thread_of_its_pools_running() throws Exception {
        PoolThreads threads = new PoolThreads();
        Task task = Task.builder().name("t").description("Answer.").prompt("Answer {q}").metric(threads.metric()).build();
        try (PeerContext context = PeerContext.open(task, ModelRoles.of(threads.model("t", c -> "yes")), Pricing.none(),
                Budget.unlimited(), 4, Duration.ofSeconds(30), 1)) {
            context.rate(PromptTemplate.of("Answer {q}"), List.of(new Example("1", Map.of("q", "a")),
                    new Example("2", Map.of("q", "b"))));
        }
        threads.assertUsedAndStopped("gradsum-llm-", "gradsum-peer-");
    }
}

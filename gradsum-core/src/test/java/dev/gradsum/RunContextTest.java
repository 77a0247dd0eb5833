package dev.gradsum;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.llm.CallCache;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.task.Task;
import dev.gradsum.testing.PoolThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every pool a run opens is shut down when the run ends: no thread of it outlives the run. */
class RunContextTest {
    /** The prefix of the call path's timed-attempt workers ({@code CallPath.WORKER_THREADS}). */
    private static final String CALL_PATH_THREADS = "gradsum-llm-";

    private final PoolThreads threads = new PoolThreads();

    private GradSum.Builder run() {
        Task task = Task.builder().name("echo").description("Repeat the word.").prompt("Repeat {word}")
                .metric(threads.metric()).build();
        return GradSum.builder().task(task).split(new Split(rows(3), rows(3), rows(3)))
                .models(ModelRoles.builder().target(threads.model("t", c -> "w1"))
                        .optimizer(threads.model("o", c -> c.text().contains("<count>")
                                ? "{\"prompts\": [\"Repeat exactly {word}\"]}" : "Say only the word."))
                        .build())
                .cache(CallCache.none()).pricing(Pricing.none()).retryPolicy(RetryPolicy.none()).iterations(1);
    }

    @Test
    void optimize_leaves_no_thread_of_its_call_path_or_search_executor_running() throws Exception {
        run().build().optimize();
        threads.assertUsedAndStopped(CALL_PATH_THREADS, RunContext.SEARCH_THREADS);
    }

    @Test
    void evaluate_leaves_no_thread_of_its_call_path_or_search_executor_running() throws Exception {
        run().build().evaluate(PromptTemplate.of("Say {word}"), rows(4));
        threads.assertUsedAndStopped(CALL_PATH_THREADS, RunContext.SEARCH_THREADS);
    }

    private static List<Example> rows(int n) {
        List<Example> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new Example(String.valueOf(i), Map.of("word", "w" + i)));
        }
        return rows;
    }
}

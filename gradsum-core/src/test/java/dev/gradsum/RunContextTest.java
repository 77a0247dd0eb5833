package dev.gradsum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.ModelRoles;
import dev.gradsum.llm.Pricing;
import dev.gradsum.llm.RetryPolicy;
import dev.gradsum.metric.Score;
import dev.gradsum.task.Example;
import dev.gradsum.task.PromptTemplate;
import dev.gradsum.task.Split;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Every pool a run opens is shut down when the run ends: no thread of it outlives the run. */
class RunContextTest {
    /** Every thread a model call or a score ran on. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** Passes every answer, noting the thread it was asked on (one of the search executor's). */
    private final dev.gradsum.metric.Metric threadNoting = new dev.gradsum.metric.Metric() {
        @Override
        public String name() {
            return "thread-noting";
        }

        @Override
        public Score score(Example example, String output) {
            threads.add(Thread.currentThread());
            return Score.pass("noted");
        }
    };

    private final Task task = Task.builder().name("echo").description("Repeat the word.")
            .prompt("Repeat {word}").metric(threadNoting).build();

    private ScriptedChatModel model(String name, String answer) {
        return new ScriptedChatModel(name, call -> {
            threads.add(Thread.currentThread());
            return answer;
        });
    }

    private GradSum.Builder run() {
        ScriptedChatModel optimizer = new ScriptedChatModel("o", c -> {
            threads.add(Thread.currentThread());
            return c.text().contains("<count>") ? "{\"prompts\": [\"Repeat exactly {word}\"]}" : "Say only the word.";
        });
        return GradSum.builder().task(task).split(new Split(rows(3), rows(3), rows(3)))
                .models(ModelRoles.builder().target(model("t", "w1")).optimizer(optimizer).build())
                .cache(CallCache.none()).pricing(Pricing.none()).retryPolicy(RetryPolicy.none()).iterations(1);
    }

    @Test
    void optimize_leaves_no_thread_of_its_call_path_or_search_executor_running() throws Exception {
        run().build().optimize();
        assertThat(threads).extracting(Thread::getName).anyMatch(n -> n.startsWith(RunContext.SEARCH_THREADS));
        assertPoolsUsedAndStopped();
    }

    @Test
    void evaluate_leaves_no_thread_of_its_call_path_running() throws Exception {
        run().build().evaluate(PromptTemplate.of("Say {word}"), rows(4));
        assertPoolsUsedAndStopped();
    }

    private void assertPoolsUsedAndStopped() throws InterruptedException {
        // the timed attempts ran on the call path's workers, so the pool really was opened
        assertThat(threads).extracting(Thread::getName).anyMatch(n -> n.startsWith("gradsum-llm-"));
        for (Thread t : threads) {
            if (t.getName().startsWith("gradsum-llm-") || t.getName().startsWith(RunContext.SEARCH_THREADS)) {
                t.join(5_000); // an idle thread of a pool left open lives on for 60 s
                assertThat(t.isAlive()).as("%s still running after the run ended", t.getName()).isFalse();
            }
        }
    }

    private static List<Example> rows(int n) {
        List<Example> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new Example(String.valueOf(i), Map.of("word", "w" + i)));
        }
        return rows;
    }
}

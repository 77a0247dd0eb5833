package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.BudgetExceededException;
import dev.gradsum.llm.CallPath;
import dev.gradsum.model.Budget;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final PromptTemplate prompt = PromptTemplate.of("Q: {question}");

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static List<Example> rows(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Example("r" + i, Map.of("question", "q" + i))).toList();
    }

    @Test
    void generations_keep_input_order_while_calls_run_concurrently() {
        CountDownLatch allArrived = new CountDownLatch(6);
        ScriptedChatModel model = new ScriptedChatModel("m", call -> {
            allArrived.countDown();
            awaitQuietly(allArrived); // no row answers before all six are in flight, so they finish in any order
            return "A(" + call.user() + ")";
        });
        List<Generation> out = new Generator(llm(Role.TARGET, model), executor).generate(prompt, rows(6));

        assertThat(out).extracting(g -> g.example().id()).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
        assertThat(out).extracting(Generation::input).containsExactly("Q: q0", "Q: q1", "Q: q2", "Q: q3", "Q: q4", "Q: q5");
        assertThat(out).extracting(Generation::output).containsExactly(
                "A(Q: q0)", "A(Q: q1)", "A(Q: q2)", "A(Q: q3)", "A(Q: q4)", "A(Q: q5)");
        assertThat(model.maxInFlight()).isGreaterThan(1);
    }

    @Test
    void a_row_whose_call_fails_for_good_becomes_an_error_generation_and_the_others_succeed() {
        ScriptedChatModel model = new ScriptedChatModel("m", call -> {
            if (call.user().endsWith("q1")) {
                // fails for good, but not a failure every call will get (that one stops the whole path)
                throw new IllegalStateException("unreadable reply");
            }
            return "ok";
        });
        List<Generation> out = new Generator(llm(Role.TARGET, model), executor).generate(prompt, rows(3));

        assertThat(out).extracting(Generation::failed).containsExactly(false, true, false);
        assertThat(out.get(1).output()).isEmpty();
        assertThat(out.get(1).input()).isEqualTo("Q: q1");
        assertThat(out.get(1).error()).contains("unreadable reply");
    }

    @Test
    void a_budget_stop_propagates_instead_of_becoming_row_errors() {
        CallPath path = CallPath.builder().retryPolicy(RetryPolicy.none()).budget(new Budget(null, 1L, null)).build();
        Generator generator = new Generator(path.llm(Role.TARGET, ScriptedChatModel.answering("ok")), executor);

        assertThatThrownBy(() -> generator.generate(prompt, rows(3))).isInstanceOf(BudgetExceededException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not every row arrived: calls were not concurrent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

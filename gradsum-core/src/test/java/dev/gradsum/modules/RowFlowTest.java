package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Evaluator#rate}: a row's answer goes to the judge as soon as it arrives (issue 11, item 1). */
class RowFlowTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final PromptTemplate prompt = PromptTemplate.of("Q: {question}");

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static List<Example> rows(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new Example("r" + i, Map.of("question", "q" + i, "answer", "A(Q: q" + i + ")")))
                .toList();
    }

    /** Passes the answer when it equals the expected one; counts down {@code judged} at each rating. */
    private static Metric exactCounting(CountDownLatch judged) {
        return new Metric() {
            @Override
            public String name() {
                return "exact(answer)";
            }

            @Override
            public Score score(Example example, String output) {
                judged.countDown();
                return output.equals(example.get("answer")) ? Score.pass("equal") : Score.fail("differs");
            }
        };
    }

    @Test
    void a_judge_call_starts_before_the_last_generation_finishes() throws Exception {
        CountDownLatch judged = new CountDownLatch(1);
        AtomicBoolean judgeCameFirst = new AtomicBoolean();
        ScriptedChatModel target = new ScriptedChatModel("target", call -> {
            if (call.user().endsWith("q3")) {
                // the last row's answer waits until another row has been judged; behind a stage barrier
                // no row is judged before this one is answered, and the wait times out
                try {
                    judgeCameFirst.set(judged.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "A(" + call.user() + ")";
        });
        Generator generator = new Generator(llm(Role.TARGET, target), executor);
        Evaluator evaluator = new Evaluator(exactCounting(judged), executor);

        List<Evaluation> rated = evaluator.rate(generator, prompt, rows(4));

        assertThat(judgeCameFirst).as("a judge call began while a generation was still running").isTrue();
        assertThat(rated).extracting(e -> e.generation().example().id()).containsExactly("r0", "r1", "r2", "r3");
        assertThat(rated).allMatch(e -> e.score().passed());
    }

    @Test
    void rating_per_row_gives_what_generating_then_evaluating_gives_in_the_same_order() {
        ScriptedChatModel target = new ScriptedChatModel("target",
                call -> call.user().endsWith("q2") || call.user().endsWith("q5") ? "wrong" : "A(" + call.user() + ")");
        Generator generator = new Generator(llm(Role.TARGET, target), executor);
        Evaluator evaluator = new Evaluator(exactCounting(new CountDownLatch(0)), executor);

        List<Evaluation> flowing = evaluator.rate(generator, prompt, rows(8));
        List<Evaluation> staged = evaluator.evaluate(generator.generate(prompt, rows(8)));

        assertThat(flowing).isEqualTo(staged);
        assertThat(flowing).extracting(e -> e.score().passed())
                .containsExactly(true, true, false, true, true, false, true, true);
    }
}

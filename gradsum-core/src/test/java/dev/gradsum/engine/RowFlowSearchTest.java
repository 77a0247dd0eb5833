package dev.gradsum.engine;

import static dev.gradsum.engine.LoopFixture.builder;
import static dev.gradsum.engine.LoopFixture.optimizer;
import static dev.gradsum.engine.LoopFixture.split;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 1: in the search's minibatch, validation and final test, a row's answer is rated as soon
 * as it arrives. The target holds its first answer to row 3 of each part until another row of that
 * part has been rated; behind a barrier between answering and rating no row would be rated first and it times out.
 */
class RowFlowSearchTest {
    private final Map<String, CountDownLatch> ratedByPart = new ConcurrentHashMap<>();
    private final List<String> waits = new CopyOnWriteArrayList<>();
    private final Set<String> firstAsked = ConcurrentHashMap.newKeySet();

    private CountDownLatch rated(String part) {
        return ratedByPart.computeIfAbsent(part, p -> new CountDownLatch(1));
    }

    private final Metric countingOk = new Metric() {
        @Override
        public String name() {
            return "ok";
        }

        @Override
        public Score score(Example example, String output) {
            rated(example.id().substring(0, example.id().indexOf('-'))).countDown();
            return LoopFixture.OK.score(example, output);
        }
    };

    @Test
    void each_stage_rates_a_row_while_another_rows_answer_is_still_being_written() {
        ScriptedChatModel target = new ScriptedChatModel("target", call -> {
            String text = call.text();
            for (String part : List.of("train", "val", "test")) {
                if (text.contains(part + "-3") && firstAsked.add(part)) {
                    try {
                        waits.add(part + (rated(part).await(10, TimeUnit.SECONDS) ? " rated first" : " timed out"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return LoopFixture.answer(text);
        });
        Task task = Task.builder().name("loop").description("Say ok.").prompt(LoopFixture.INITIAL).metric(countingOk).build();

        OptimizationResult r = builder(target, optimizer(LoopFixture::betterAndSame), split(5, 5, 5))
                .task(task).iterations(1).build().optimize();

        assertThat(r.iterations()).hasSize(1);
        assertThat(waits).containsExactlyInAnyOrder("train rated first", "val rated first", "test rated first");
    }
}

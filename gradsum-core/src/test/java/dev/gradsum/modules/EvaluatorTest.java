package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> rated = Collections.synchronizedList(new ArrayList<>());
    private final Metric exact = new Metric() {
        @Override
        public String name() {
            return "exact(answer)";
        }

        @Override
        public Score score(Example example, String output) {
            rated.add(example.id());
            return output.equals(example.get("answer")) ? Score.pass("equal") : Score.fail("differs");
        }
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static Generation answered(String id, String answer, String output) {
        return new Generation(new Example(id, Map.of("answer", answer)), "in " + id, output, null);
    }

    @Test
    void each_generation_is_rated_by_the_metric_in_input_order() {
        List<Evaluation> out = new Evaluator(exact, executor).evaluate(List.of(
                answered("a", "1", "1"), answered("b", "2", "3"), answered("c", "4", "4")));

        assertThat(out).extracting(e -> e.generation().example().id()).containsExactly("a", "b", "c");
        assertThat(out).extracting(e -> e.score().passed()).containsExactly(true, false, true);
    }

    @Test
    void a_failed_generation_gets_an_error_score_without_being_rated() {
        Generation failed = new Generation(new Example("x", Map.of("answer", "1")), "in x", "", "rate limited");
        List<Evaluation> out = new Evaluator(exact, executor).evaluate(List.of(failed, answered("a", "1", "1")));

        assertThat(out.get(0).score().error()).isTrue();
        assertThat(out.get(0).score().reason()).isEqualTo("generation failed: rate limited");
        assertThat(rated).containsExactly("a");
    }
}

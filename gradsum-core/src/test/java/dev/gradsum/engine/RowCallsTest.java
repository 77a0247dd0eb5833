package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.model.Pricing;
import dev.gradsum.simulation.SimulatedWorld;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowCallsTest {
    @Test
    void each_stage_plans_an_answer_and_one_verdict_per_judge_sample_for_every_row() {
        SimulatedWorld world = SimulatedWorld.create();
        Map<Stage, Integer> planned = new EnumMap<>(Stage.class);
        SearchListener listener = new SearchListener() {
            @Override
            public void stageStarted(int iteration, Stage stage, int plannedCalls) {
                planned.putIfAbsent(stage, plannedCalls);
            }
        };
        GradSum.builder().task(world.task()).models(world.models()).dataset(world.dataset()).splitSizes(6, 4, 5)
                .pricing(Pricing.none()).iterations(1).minibatchSize(6).judgeSamples(3).listener(listener)
                .build().optimize();

        assertThat(RowCalls.of(world.task(), dev.gradsum.search.SearchOptions.builder().judgeSamples(3).build())).isEqualTo(4);
        assertThat(planned.get(Stage.GENERATE)).isEqualTo(6 * 4);
        assertThat(planned.get(Stage.TEST) % (5 * 4)).isZero();
        assertThat(RowCalls.of(LoopFixture.task(), dev.gradsum.search.SearchOptions.builder().judgeSamples(3).build()))
                .as("a programmatic metric makes no judge call").isEqualTo(1);
    }
}

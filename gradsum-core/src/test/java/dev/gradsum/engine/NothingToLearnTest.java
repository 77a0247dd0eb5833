package dev.gradsum.engine;

import static dev.gradsum.engine.LoopFixture.builder;
import static dev.gradsum.engine.LoopFixture.optimizer;
import static dev.gradsum.engine.LoopFixture.split;
import static dev.gradsum.engine.LoopFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.StopReason;
import dev.gradsum.simulation.SimulatedWorld;
import dev.gradsum.store.SqliteStore;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 5: the search stops when nothing is left to learn (the best prompt passes every
 * validation row and its minibatch produced no gradient), unless {@code stopWhenLearned} is off.
 */
class NothingToLearnTest {
    /** Five '!' beat every row's difficulty (0 to 4) in the scripted world: the prompt is already perfect. */
    private static final String PERFECT = "Answer {q}!!!!!";

    @TempDir
    Path dir;

    @Test
    void a_perfect_initial_prompt_stops_the_search_after_the_first_iteration_without_an_optimizer_call() {
        ScriptedChatModel target = target();
        ScriptedChatModel optimizer = optimizer(LoopFixture::betterAndSame);
        OptimizationResult r = builder(target, optimizer, split(5, 5, 5)).task(LoopFixture.task(PERFECT))
                .iterations(5).build().optimize();

        assertThat(r.stopReason()).isEqualTo(StopReason.NOTHING_TO_LEARN);
        assertThat(r.iterations()).hasSize(1);
        assertThat(optimizer.callCount()).isZero();
        // the minibatch (5) and validation (5) of iteration 1, then the test (5): nothing after iteration 1
        assertThat(target.callCount()).isEqualTo(15);
        assertThat(r.test().best()).isEqualTo(1.0);
    }

    @Test
    void switched_off_the_search_runs_on_over_a_perfect_prompt() {
        ScriptedChatModel target = target();
        OptimizationResult r = builder(target, optimizer(LoopFixture::betterAndSame), split(5, 5, 5))
                .task(LoopFixture.task(PERFECT)).iterations(3).stopWhenLearned(false).build().optimize();

        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(r.iterations()).hasSize(3);
        assertThat(target.callCount()).isEqualTo(3 * 5 + 5 + 5);
    }

    @Test
    void a_search_that_still_learns_is_not_stopped() {
        ScriptedChatModel optimizer = optimizer(LoopFixture::betterAndSame);
        OptimizationResult r = builder(target(), optimizer, split(5, 5, 5)).iterations(3).build().optimize();

        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(r.iterations()).hasSize(3);
    }

    @Test
    void in_the_simulated_world_a_perfect_prompt_stops_after_iteration_1_and_pays_for_nothing_after_it() {
        OptimizationResult stopped = simulated(10, true).build().optimize();
        OptimizationResult oneIteration = simulated(1, true).build().optimize();
        OptimizationResult runOn = simulated(10, false).build().optimize();

        assertThat(stopped.stopReason()).isEqualTo(StopReason.NOTHING_TO_LEARN);
        assertThat(stopped.iterations()).hasSize(1);
        assertThat(stopped.total().calls()).as("paid calls: those of iteration 1 and the final test")
                .isEqualTo(oneIteration.total().calls());
        assertThat(stopped.usage()).isEqualTo(oneIteration.usage());
        assertThat(runOn.iterations()).hasSizeGreaterThan(1);
        assertThat(runOn.stopReason()).isNotEqualTo(StopReason.NOTHING_TO_LEARN);
    }

    @Test
    void in_the_simulated_world_a_search_that_reached_a_perfect_prompt_stops_with_the_same_result_for_fewer_calls() {
        SimulatedWorld world = SimulatedWorld.create();
        GradSum.Builder seed11 = GradSum.builder().task(world.task()).models(world.models()).dataset(world.dataset())
                .seed(11);
        OptimizationResult stopped = seed11.build().optimize();
        OptimizationResult runOn = seed11.stopWhenLearned(false).build().optimize();

        assertThat(stopped.stopReason()).isEqualTo(StopReason.NOTHING_TO_LEARN);
        assertThat(runOn.stopReason()).isEqualTo(StopReason.NO_IMPROVEMENT);
        assertThat(stopped.iterations()).hasSizeLessThan(runOn.iterations().size());
        assertThat(stopped.bestPrompt()).isEqualTo(runOn.bestPrompt());
        assertThat(stopped.test()).isEqualTo(runOn.test());
        assertThat(stopped.total().calls()).isLessThan(runOn.total().calls());
    }

    @Test
    void the_knob_is_part_of_the_run_configuration_only_when_switched_off_and_the_store_records_it() {
        assertThat(simulated(1, true).build().runConfiguration()).doesNotContain("stopWhenLearned");
        assertThat(simulated(1, false).build().runConfiguration()).contains("\"stopWhenLearned\":false");
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            simulated(1, false).store(store).build().optimize();
            simulated(1, true).store(store).build().optimize();
            assertThat(store.listRuns()).hasSize(2);
            assertThat(store.listRuns()).extracting(run -> store.recorded(run.id()).orElseThrow()
                    .description().search().stopWhenLearned()).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void only_a_best_prompt_rated_perfect_whose_minibatch_gave_no_gradient_has_nothing_left_to_learn() {
        Candidate parent = new Candidate("c0", PromptTemplate.of("Answer {q}"), null, 0, null);
        Candidate child = new Candidate("c1", PromptTemplate.of("Answer {q}!"), "c0", 1, "more");
        Gradient gradient = new Gradient("train-1", "be firm");

        assertThat(NothingToLearn.after(iteration(parent, 1.0, 0, List.of()))).isTrue();
        assertThat(NothingToLearn.after(iteration(parent, 1.0, 0, List.of(gradient)))).as("a gradient").isFalse();
        assertThat(NothingToLearn.after(iteration(parent, 0.9, 0, List.of()))).as("a failed row").isFalse();
        assertThat(NothingToLearn.after(iteration(parent, 1.0, 1, List.of()))).as("an unrated row").isFalse();
        Iteration newBest = new Iteration(1, Map.of("c0", 0.5), Map.of("c0", List.of(gradient)), Map.of(),
                List.of(new ScoredCandidate(child, 1.0, 5, 0), new ScoredCandidate(parent, 0.5, 5, 0)),
                List.of("c1", "c0"), List.of(), true);
        assertThat(NothingToLearn.after(newBest)).as("the best has not run on a minibatch yet").isFalse();
    }

    private static Iteration iteration(Candidate best, double score, int errors, List<Gradient> gradients) {
        return new Iteration(1, Map.of(best.id(), 1.0), Map.of(best.id(), gradients), Map.of(),
                List.of(new ScoredCandidate(best, score, 5 - errors, errors)), List.of(best.id()), List.of(), false);
    }

    /**
     * The simulated world, starting from a prompt that states every hidden rule, on rows where the
     * simulated target makes none of its occasional slips with it.
     */
    private static GradSum.Builder simulated(int iterations, boolean stopWhenLearned) {
        SimulatedWorld world = SimulatedWorld.create();
        Task task = world.task();
        Task perfect = Task.builder().name(task.name()).description(task.description()).prompt(SIMULATED_PERFECT)
                .criteria(task.criteria()).build();
        return GradSum.builder().task(perfect).models(world.models()).dataset(world.dataset())
                .splitSizes(6, 6, 6).iterations(iterations).stopWhenLearned(stopWhenLearned).seed(7);
    }

    /** The prompt the search found in the simulated world for seed 7 (golden/simulated-seed7.txt, c4). */
    private static final String SIMULATED_PERFECT = "You are a billing assistant for an online shop. Work out what the "
            + "customer pays for the order below. Reply with the final amount only, followed by the currency code.\n"
            + "Express delivery costs an extra 5.00 EUR, added last.\n"
            + "Add 19% VAT to the goods when the customer is in the European Union.\n"
            + "Orders of 10 or more items get 10% off the goods, applied first.\n"
            + "Round the final total to two decimals, half up.\n\nOrder: {order}\n\nAmount:";
}

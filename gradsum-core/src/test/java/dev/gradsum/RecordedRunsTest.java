package dev.gradsum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.engine.SearchListener;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.CallCache;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.StopReason;
import dev.gradsum.simulation.SimulatedWorld;
import dev.gradsum.store.RunStatus;
import dev.gradsum.store.RunSummary;
import dev.gradsum.store.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording and resume are library features: {@code GradSum.builder().store(...)} records each run, lists
 * it, reads it back, and continues a stopped one where it stopped, with no command-line class involved.
 */
class RecordedRunsTest {
    @TempDir
    Path dir;

    private static GradSum.Builder orders(SimulatedWorld world) {
        return GradSum.builder().task(world.task()).models(world.models()).dataset(world.dataset())
                .splitSizes(12, 12, 12).beamSize(2).iterations(3).candidatesPerPrompt(2).minibatchSize(12).seed(7);
    }

    @Test
    void optimize_with_a_store_records_a_run_that_is_listed_and_reads_back_as_returned() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            OptimizationResult r = orders(SimulatedWorld.create()).store(store).build().optimize();

            List<RunSummary> runs = store.listRuns();
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).status()).isEqualTo(RunStatus.FINISHED);
            assertThat(runs.get(0).task()).isEqualTo("simulated-orders");
            RecordedRun back = store.recorded(runs.get(0).id()).orElseThrow();
            assertThat(back.result().bestPrompt()).isEqualTo(r.bestPrompt());
            assertThat(back.result().test()).isEqualTo(r.test());
            assertThat(back.description().models()).hasSize(5);
            assertThat(back.description().search().iterations()).isEqualTo(3);
        }
    }

    @Test
    void a_stopped_run_resumes_where_it_stopped_paying_only_for_what_it_had_not_asked() {
        OptimizationResult uninterrupted;
        try (SqliteStore reference = SqliteStore.open(dir.resolve("ref.db"))) {
            uninterrupted = orders(SimulatedWorld.create()).store(reference).build().optimize();
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            GradSum stopping = orders(SimulatedWorld.create()).store(store).listener(new SearchListener() {
                @Override
                public void iterationFinished(Iteration iteration) {
                    Thread.currentThread().interrupt(); // as Ctrl-C does, after the first iteration
                }
            }).build();
            OptimizationRun first = stopping.startRun();
            OptimizationResult stopped = first.optimize();
            assertThat(stopped.stopReason()).isEqualTo(StopReason.INTERRUPTED);
            assertThat(store.run(first.id()).orElseThrow().summary().status()).isEqualTo(RunStatus.STOPPED);

            GradSum gradSum = orders(SimulatedWorld.create()).store(store).build();
            assertThat(gradSum.continuableRuns()).extracting(RunSummary::id).containsExactly(first.id());
            OptimizationRun again = gradSum.resumeRun(first.id());
            assertThat(again.attempt()).isEqualTo(2);
            OptimizationResult resumed = again.optimize();

            assertThat(resumed.bestPrompt()).isEqualTo(uninterrupted.bestPrompt());
            assertThat(resumed.test()).isEqualTo(uninterrupted.test());
            assertThat(resumed.stopReason()).isEqualTo(uninterrupted.stopReason());
            assertThat(store.run(first.id()).orElseThrow().summary().status()).isEqualTo(RunStatus.FINISHED);
            assertThat(store.spent(first.id()).calls()).as("paid calls over both attempts")
                    .isEqualTo(uninterrupted.total().calls());
            // issue 10: the first attempt's answers are replayed for free and not counted again, so the
            // totals are the uninterrupted run's
            assertThat(resumed.total().calls() + resumed.total().cachedCalls()).as("requests over both attempts")
                    .isEqualTo(uninterrupted.total().calls() + uninterrupted.total().cachedCalls());
            assertThat(resumed.total().calls()).isEqualTo(uninterrupted.total().calls());
        }
    }

    @Test
    void a_resume_with_other_search_settings_is_refused_naming_the_run() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            OptimizationRun run = orders(SimulatedWorld.create()).iterations(1).store(store).build().startRun();
            run.optimize();

            GradSum other = orders(SimulatedWorld.create()).iterations(2).store(store).build();
            assertThatThrownBy(() -> other.resumeRun(run.id()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("run " + run.id() + " was started with a different configuration")
                    .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains(SqliteStore.RESUME_SETTING));
            assertThatThrownBy(() -> other.resumeRun("no-such-run"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("no-such-run is not in the store");
        }
    }

    @Test
    void a_run_is_recorded_only_with_a_store_and_runs_once() {
        GradSum plain = orders(SimulatedWorld.create()).iterations(0).build();
        assertThatThrownBy(plain::startRun).isInstanceOf(ConfigurationException.class).hasMessageContaining("no store");
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            OptimizationRun run = orders(SimulatedWorld.create()).iterations(0).store(store).build().startRun();
            run.optimize();
            assertThatThrownBy(run::optimize).isInstanceOf(IllegalStateException.class).hasMessageContaining("already ran");
        }
    }

    @Test
    void a_failure_every_call_will_get_stops_the_run_at_once_and_is_recorded_as_failed() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        dev.gradsum.testing.ScriptedChatModel refusing = new dev.gradsum.testing.ScriptedChatModel("m", c -> {
            calls.incrementAndGet();
            throw new dev.langchain4j.exception.AuthenticationException("Incorrect API key provided");
        });
        SimulatedWorld world = SimulatedWorld.create();
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            GradSum gradSum = GradSum.builder().task(world.task()).models(dev.gradsum.model.ModelRoles.of(refusing))
                    .dataset(world.dataset()).splitSizes(12, 12, 12).maxConcurrency(1).store(store).build();

            assertThatThrownBy(gradSum::optimize)
                    .isInstanceOf(dev.gradsum.exception.GradSumException.class)
                    .hasMessageContaining("authentication failed");
            assertThat(calls.get()).as("calls sent: the first refusal stops every other").isEqualTo(1);
            assertThat(Thread.currentThread().isInterrupted()).as("the stop's interrupt is consumed").isFalse();
            RunSummary run = store.listRuns().get(0);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        }
    }

    @Test
    void a_run_stopped_by_its_budget_is_offered_again_only_under_a_larger_budget() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            OptimizationResult capped = orders(SimulatedWorld.create()).budget(new dev.gradsum.model.Budget(null, 40L, null))
                    .store(store).build().optimize();
            assertThat(capped.stopReason()).isEqualTo(StopReason.BUDGET);

            assertThat(orders(SimulatedWorld.create()).budget(new dev.gradsum.model.Budget(null, 40L, null)).store(store)
                    .build().continuableRuns()).as("the same budget cannot go on").isEmpty();
            assertThat(orders(SimulatedWorld.create()).budget(new dev.gradsum.model.Budget(null, 400L, null)).store(store)
                    .build().continuableRuns()).as("a larger one can").hasSize(1);
        }
    }

    @Test
    void a_target_whose_every_answer_is_cut_stops_the_run_naming_the_limit_to_raise() {
        SimulatedWorld world = SimulatedWorld.create();
        dev.gradsum.testing.ScriptedChatModel cut = dev.gradsum.testing.ScriptedChatModel.responding("m",
                c -> dev.gradsum.testing.ScriptedChatModel.Answer.cut("The customer pays 1")).maxTokens(5);
        GradSum gradSum = GradSum.builder().task(world.task())
                .models(dev.gradsum.model.ModelRoles.builder().target(cut).optimizer(world.models().model(dev.gradsum.model.Role.EDITOR)).build())
                .dataset(world.dataset()).splitSizes(12, 12, 12).maxConcurrency(1).build();

        assertThatThrownBy(gradSum::optimize)
                .isInstanceOf(dev.gradsum.exception.GradSumException.class)
                .hasMessageContaining("answer cut at the output-token limit (max tokens 5)")
                .hasMessageContaining("so the run stops");
        // 3 identical cut answers make the stop; a next call may have gone out while the third was judged
        assertThat(cut.callCount()).as("calls sent before the stop").isBetween(3, 4);
    }

    @Test
    void a_store_and_a_cache_together_are_refused() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            assertThatThrownBy(() -> orders(SimulatedWorld.create()).store(store).cache(CallCache.inMemory()).build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("store(...) and cache(...)");
        }
    }
}

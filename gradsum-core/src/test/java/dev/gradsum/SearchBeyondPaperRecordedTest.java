package dev.gradsum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.engine.SearchListener;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.recording.SearchSettings;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.search.StopReason;
import dev.gradsum.simulation.SimulatedWorld;
import dev.gradsum.store.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with every option beyond the paper on (Pareto selection, minibatch gate, successive halving, judge
 * samples, min_confidence) is recorded as it ran, its description reads each knob back (from the run's
 * configuration, which names the knobs away from their default), and it resumes to the result of an
 * uninterrupted run.
 */
class SearchBeyondPaperRecordedTest {
    @TempDir
    Path dir;

    private static GradSum.Builder orders() {
        SimulatedWorld world = SimulatedWorld.create();
        return GradSum.builder().task(world.task()).models(world.models()).dataset(world.dataset())
                .splitSizes(12, 12, 12).beamSize(2).iterations(3).candidatesPerPrompt(3).minibatchSize(6).seed(7)
                .bootstrapSamples(500).selection(SearchOptions.Selection.PARETO).minibatchGate(true)
                .validation(SearchOptions.Validation.HALVING).judgeSamples(2).minConfidence(0.8);
    }

    @Test
    void the_iterations_read_back_as_they_were_returned() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            OptimizationResult r = orders().store(store).build().optimize();

            RecordedRun back = store.recorded(store.listRuns().get(0).id()).orElseThrow();
            assertThat(back.result().iterations()).isEqualTo(r.iterations());
            assertThat(back.result().candidates()).isEqualTo(r.candidates());
            assertThat(back.result().best()).isEqualTo(r.best());
            assertThat(r.iterations()).isNotEmpty();
        }
    }

    @Test
    void the_run_description_reads_back_every_knob_as_set() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            GradSum gradSum = orders().iterations(1).stopWhenLearned(false).store(store).build();
            gradSum.optimize();

            SearchSettings back = store.recorded(store.listRuns().get(0).id()).orElseThrow().description().search();
            assertThat(back).isEqualTo(SearchSettings.of(gradSum.options()));
            assertThat(back.selection()).isEqualTo(SearchOptions.Selection.PARETO);
            assertThat(back.minibatchGate()).isTrue();
            assertThat(back.validation()).isEqualTo(SearchOptions.Validation.HALVING);
            assertThat(back.judgeSamples()).isEqualTo(2);
            assertThat(back.minConfidence()).isEqualTo(0.8);
            assertThat(back.stopWhenLearned()).isFalse();
        }
    }

    @Test
    void a_run_at_the_defaults_reads_back_the_defaults_its_configuration_leaves_out() {
        SimulatedWorld world = SimulatedWorld.create();
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            GradSum gradSum = GradSum.builder().task(world.task()).models(world.models()).dataset(world.dataset())
                    .splitSizes(6, 6, 6).iterations(1).seed(7).store(store).build();
            assertThat(gradSum.runConfiguration()).doesNotContain("selection", "minibatchGate", "\"validation\"",
                    "judgeSamples", "minConfidence", "stopWhenLearned");
            gradSum.optimize();

            SearchSettings back = store.recorded(store.listRuns().get(0).id()).orElseThrow().description().search();
            SearchOptions d = SearchOptions.defaults();
            assertThat(back).extracting(SearchSettings::selection, SearchSettings::minibatchGate,
                    SearchSettings::validation, SearchSettings::judgeSamples, SearchSettings::minConfidence,
                    SearchSettings::stopWhenLearned).containsExactly(d.selection(), d.minibatchGate(), d.validation(),
                    d.judgeSamples(), d.minConfidence(), d.stopWhenLearned());
            assertThat(back).isEqualTo(SearchSettings.of(gradSum.options()));
        }
    }

    @Test
    void a_stopped_run_resumes_to_the_uninterrupted_result() {
        OptimizationResult uninterrupted;
        try (SqliteStore reference = SqliteStore.open(dir.resolve("ref.db"))) {
            uninterrupted = orders().store(reference).build().optimize();
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("g.db"))) {
            OptimizationRun first = orders().store(store).listener(new SearchListener() {
                @Override
                public void iterationFinished(Iteration iteration) {
                    Thread.currentThread().interrupt();
                }
            }).build().startRun();
            assertThat(first.optimize().stopReason()).isEqualTo(StopReason.INTERRUPTED);

            OptimizationResult resumed = orders().store(store).build().resumeRun(first.id()).optimize();

            assertThat(resumed.bestPrompt()).isEqualTo(uninterrupted.bestPrompt());
            assertThat(resumed.iterations()).isEqualTo(uninterrupted.iterations());
            assertThat(resumed.test()).isEqualTo(uninterrupted.test());
        }
    }
}

package dev.gradsum;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.simulation.SimulatedWorld;
import org.junit.jupiter.api.Test;

/**
 * The search knobs added after runs were first stored (stopWhenLearned; selection, minibatchGate,
 * validation, judgeSamples, minConfidence) leave a run's configuration as it was before them while at
 * their default, so runs recorded earlier still match on resume; switched away from the default they are
 * named, and read back as they were.
 */
class RunConfigurationKnobsTest {
    /** The search options of a default run's configuration as written before any of those knobs existed. */
    private static final String OPTIONS_BEFORE_THE_KNOBS = "\"options\":{\"beamSize\":3,\"iterations\":10,"
            + "\"candidatesPerPrompt\":3,\"minibatchSize\":30,\"patience\":3,\"summarize\":true,"
            + "\"bootstrapSamples\":2000,\"seed\":0}";

    private static GradSum.Builder simulated() {
        SimulatedWorld world = SimulatedWorld.create();
        return GradSum.builder().task(world.task()).models(world.models()).dataset(world.dataset());
    }

    @Test
    void a_run_with_every_knob_at_its_default_has_the_configuration_of_before_the_knobs() {
        String config = simulated().build().runConfiguration();

        assertThat(config).contains(OPTIONS_BEFORE_THE_KNOBS);
        assertThat(config).doesNotContain("stopWhenLearned", "selection", "minibatchGate", "\"validation\"",
                "judgeSamples", "minConfidence");
        assertThat(RunIdentity.options(config)).isEqualTo(SearchOptions.defaults());
    }

    @Test
    void a_configuration_recorded_before_the_knobs_reads_them_as_their_defaults() throws Exception {
        String before = "{" + OPTIONS_BEFORE_THE_KNOBS + "}";
        new ObjectMapper().readTree(before);

        assertThat(RunIdentity.options(before)).isEqualTo(SearchOptions.defaults());
    }

    @Test
    void knobs_away_from_their_default_are_named_and_read_back() {
        String config = simulated().selection(SearchOptions.Selection.PARETO).minibatchGate(true)
                .validation(SearchOptions.Validation.HALVING).judgeSamples(3).minConfidence(0.9)
                .stopWhenLearned(false).build().runConfiguration();

        assertThat(config).contains("\"selection\":\"PARETO\"", "\"minibatchGate\":true", "\"validation\":\"HALVING\"",
                "\"judgeSamples\":3", "\"minConfidence\":0.9", "\"stopWhenLearned\":false");
        SearchOptions back = RunIdentity.options(config);
        assertThat(back.selection()).isEqualTo(SearchOptions.Selection.PARETO);
        assertThat(back.minibatchGate()).isTrue();
        assertThat(back.validation()).isEqualTo(SearchOptions.Validation.HALVING);
        assertThat(back.judgeSamples()).isEqualTo(3);
        assertThat(back.minConfidence()).isEqualTo(0.9);
        assertThat(back.stopWhenLearned()).isFalse();
        assertThat(simulated().minConfidence(0.9).build().runConfiguration())
                .as("one knob changed names that knob only").contains("minConfidence").doesNotContain("selection");
    }
}

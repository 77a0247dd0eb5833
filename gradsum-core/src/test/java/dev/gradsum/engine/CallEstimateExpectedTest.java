package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.simulation.SimulatedWorld;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected count of {@link CallEstimate} against real searches in the simulated world, over several
 * world seeds and configurations: the calls made (paid plus answered from the cache) lie between low and
 * high and within 25% of the expected count, which itself lies in the range. (The stub world, over HTTP,
 * is checked by gradsum-bench's {@code StubWorldCallsTest}.)
 */
class CallEstimateExpectedTest {
    @ParameterizedTest(name = "world {0}, minibatch {1}, summarize {2}, beam {3}, K {4}")
    @CsvSource({
            // the minibatch is the whole training set (30): prompts kept in the beam repeat their calls from the cache
            "20240717, 30, true, 3, 3",
            "1, 30, true, 3, 3",
            "2, 30, false, 3, 3",
            // a minibatch of 10 of 30 rows: every beam prompt draws new rows each iteration
            "20240717, 10, true, 3, 3",
            "1, 10, true, 2, 2",
            "2, 10, false, 4, 2",
    })
    void the_simulated_worlds_searches_make_about_the_expected_calls(long seed, int minibatch, boolean summarize,
                                                                     int beam, int k) {
        SimulatedWorld w = SimulatedWorld.create(seed);
        // patience = iterations and stopWhenLearned off: no early stop (the expected count assumes none)
        GradSum g = GradSum.builder().task(w.task()).models(w.models()).dataset(w.dataset()).splitSizes(30, 30, 30)
                .pricing(Pricing.none()).bootstrapSamples(100).seed(seed).summarize(summarize).beamSize(beam)
                .candidatesPerPrompt(k).minibatchSize(minibatch).iterations(3).patience(3).stopWhenLearned(false).build();

        OptimizationResult r = g.optimize();

        CallEstimate e = CallEstimate.of(g.task(), g.split(), g.options(), MetaPrompts.defaults(), null);
        long made = 0;
        for (Role role : Role.values()) {
            Usage u = r.usage().getOrDefault(role, Usage.ZERO);
            made += u.calls() + u.cachedCalls();
        }
        long expected = e.expected().total();
        assertThat(r.iterations()).hasSize(3);
        assertThat(expected).as("expected within the range").isBetween(e.totalCalls().low(), e.totalCalls().high());
        assertThat(made).as("calls made, range " + e.totalCalls()).isBetween(e.totalCalls().low(), e.totalCalls().high());
        assertThat((double) made).as("calls made against the %d expected", expected)
                .isBetween(0.75 * expected, 1.25 * expected);
    }
}

package dev.gradsum.recording;

import dev.gradsum.search.SearchOptions;

/**
 * The beam search settings a run used, as plain values (what {@code result.json}'s {@code config.search}
 * shows).
 */
public record SearchSettings(int beam, int iterations, int candidates, int minibatch, int patience,
                             boolean summarize, int bootstrapSamples, long seed, boolean stopWhenLearned) {

    /** The settings of {@code options}. */
    public static SearchSettings of(SearchOptions options) {
        return new SearchSettings(options.beamSize(), options.iterations(), options.candidatesPerPrompt(),
                options.minibatchSize(), options.patience(), options.summarize(), options.bootstrapSamples(),
                options.seed(), options.stopWhenLearned());
    }
}

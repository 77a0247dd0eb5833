package dev.gradsum.search;

import dev.gradsum.exception.ConfigurationException;

/**
 * Knobs of the beam search, immutable. Paper values where the paper states them (beam 3, 10 iterations,
 * about 30 training rows); ours where it is silent (documented in the README). Build with
 * {@link #builder()} (every knob has its default) or change a few with {@link #toBuilder()}:
 * <pre>{@code
 * SearchOptions o = SearchOptions.builder().beamSize(4).iterations(6).build();
 * }</pre>
 *
 * @param beamSize            prompts kept after each iteration (paper: 3)
 * @param iterations          at most this many iterations (paper: 10)
 * @param candidatesPerPrompt editor candidates per beam prompt, K (ours: 3)
 * @param minibatchSize       training rows each beam prompt runs on per iteration (ours: 30, all if fewer)
 * @param patience            stop after this many iterations without a candidate beating the beam (ours: 3)
 * @param summarize           false runs the paper's ablation: the editor gets the raw gradients
 * @param bootstrapSamples    resamples for the paired bootstrap interval of the final test difference
 * @param seed                seeds minibatch sampling and bootstrap so runs replay
 */
public record SearchOptions(int beamSize, int iterations, int candidatesPerPrompt, int minibatchSize,
                            int patience, boolean summarize, int bootstrapSamples, long seed) {
    private static final SearchOptions DEFAULTS = new SearchOptions(3, 10, 3, 30, 3, true, 2000, 0);

    /** @throws ConfigurationException naming the first knob out of range */
    public SearchOptions {
        atLeast("beamSize", beamSize, 1);
        atLeast("iterations", iterations, 0);
        atLeast("candidatesPerPrompt", candidatesPerPrompt, 1);
        atLeast("minibatchSize", minibatchSize, 1);
        atLeast("patience", patience, 1);
        atLeast("bootstrapSamples", bootstrapSamples, 1);
    }

    /** The paper's beam 3 and 10 iterations; K 3, minibatch 30, patience 3, summary on, 2000 resamples, seed 0. */
    public static SearchOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these options, to change a few. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new ConfigurationException(name + " must be >= " + min + ", was " + value);
        }
    }

    /** Builds {@link SearchOptions}; a knob out of range is a {@link ConfigurationException} naming it, when set. */
    public static final class Builder {
        private int beamSize;
        private int iterations;
        private int candidatesPerPrompt;
        private int minibatchSize;
        private int patience;
        private boolean summarize;
        private int bootstrapSamples;
        private long seed;

        private Builder(SearchOptions from) {
            beamSize = from.beamSize;
            iterations = from.iterations;
            candidatesPerPrompt = from.candidatesPerPrompt;
            minibatchSize = from.minibatchSize;
            patience = from.patience;
            summarize = from.summarize;
            bootstrapSamples = from.bootstrapSamples;
            seed = from.seed;
        }

        public Builder beamSize(int v) { atLeast("beamSize", v, 1); beamSize = v; return this; }
        public Builder iterations(int v) { atLeast("iterations", v, 0); iterations = v; return this; }
        public Builder candidatesPerPrompt(int v) { atLeast("candidatesPerPrompt", v, 1); candidatesPerPrompt = v; return this; }
        public Builder minibatchSize(int v) { atLeast("minibatchSize", v, 1); minibatchSize = v; return this; }
        public Builder patience(int v) { atLeast("patience", v, 1); patience = v; return this; }
        public Builder summarize(boolean v) { summarize = v; return this; }
        public Builder bootstrapSamples(int v) { atLeast("bootstrapSamples", v, 1); bootstrapSamples = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public SearchOptions build() {
            return new SearchOptions(beamSize, iterations, candidatesPerPrompt, minibatchSize, patience, summarize,
                    bootstrapSamples, seed);
        }
    }
}

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
 * @param beamSize            prompts kept after each iteration (paper: 3), 1 to {@link #MAX_BEAM_SIZE}
 * @param iterations          at most this many iterations (paper: 10), 0 to {@link #MAX_ITERATIONS}
 * @param candidatesPerPrompt editor candidates per beam prompt, K (ours: 3), 1 to {@link #MAX_CANDIDATES_PER_PROMPT}
 * @param minibatchSize       training rows each beam prompt runs on per iteration (ours: 30, all if fewer),
 *                            1 to {@link #MAX_MINIBATCH_SIZE}
 * @param patience            stop after this many iterations without a candidate beating the beam (ours: 3)
 * @param summarize           false runs the paper's ablation: the editor gets the raw gradients
 * @param bootstrapSamples    resamples for the paired bootstrap interval of the final test difference
 * @param seed                seeds minibatch sampling and bootstrap so runs replay
 * @param stopWhenLearned     stop when nothing is left to learn (ours: on): the best prompt passes every
 *                            validation row and its minibatch produced no gradient
 *                            ({@link StopReason#NOTHING_TO_LEARN})
 */
public record SearchOptions(int beamSize, int iterations, int candidatesPerPrompt, int minibatchSize,
                            int patience, boolean summarize, int bootstrapSamples, long seed,
                            boolean stopWhenLearned) {
    private static final SearchOptions DEFAULTS = new SearchOptions(3, 10, 3, 30, 3, true, 2000, 0, true);

    /** Upper bound of {@code beamSize}: wider beams multiply every iteration's calls without a use. */
    public static final int MAX_BEAM_SIZE = 20;
    /** Upper bound of {@code iterations}. */
    public static final int MAX_ITERATIONS = 100;
    /** Upper bound of {@code candidatesPerPrompt}: the editor writes them all in one answer. */
    public static final int MAX_CANDIDATES_PER_PROMPT = 20;
    /** Upper bound of {@code minibatchSize}. */
    public static final int MAX_MINIBATCH_SIZE = 1000;

    /** @throws ConfigurationException naming the first knob out of range */
    public SearchOptions {
        within("beamSize", beamSize, 1, MAX_BEAM_SIZE);
        within("iterations", iterations, 0, MAX_ITERATIONS);
        within("candidatesPerPrompt", candidatesPerPrompt, 1, MAX_CANDIDATES_PER_PROMPT);
        within("minibatchSize", minibatchSize, 1, MAX_MINIBATCH_SIZE);
        atLeast("patience", patience, 1);
        atLeast("bootstrapSamples", bootstrapSamples, 1);
    }

    /**
     * The paper's beam 3 and 10 iterations; K 3, minibatch 30, patience 3, summary on, 2000 resamples, seed 0,
     * stop when nothing is left to learn.
     */
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

    private static void within(String name, int value, int min, int max) {
        atLeast(name, value, min);
        if (value > max) {
            throw new ConfigurationException(name + " must be <= " + max + ", was " + value);
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
        private boolean stopWhenLearned;

        private Builder(SearchOptions from) {
            beamSize = from.beamSize;
            iterations = from.iterations;
            candidatesPerPrompt = from.candidatesPerPrompt;
            minibatchSize = from.minibatchSize;
            patience = from.patience;
            summarize = from.summarize;
            bootstrapSamples = from.bootstrapSamples;
            seed = from.seed;
            stopWhenLearned = from.stopWhenLearned;
        }

        public Builder beamSize(int v) { within("beamSize", v, 1, MAX_BEAM_SIZE); beamSize = v; return this; }
        public Builder iterations(int v) { within("iterations", v, 0, MAX_ITERATIONS); iterations = v; return this; }
        public Builder candidatesPerPrompt(int v) {
            within("candidatesPerPrompt", v, 1, MAX_CANDIDATES_PER_PROMPT);
            candidatesPerPrompt = v;
            return this;
        }
        public Builder minibatchSize(int v) { within("minibatchSize", v, 1, MAX_MINIBATCH_SIZE); minibatchSize = v; return this; }
        public Builder patience(int v) { atLeast("patience", v, 1); patience = v; return this; }
        public Builder summarize(boolean v) { summarize = v; return this; }
        public Builder bootstrapSamples(int v) { atLeast("bootstrapSamples", v, 1); bootstrapSamples = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder stopWhenLearned(boolean v) { stopWhenLearned = v; return this; }

        public SearchOptions build() {
            return new SearchOptions(beamSize, iterations, candidatesPerPrompt, minibatchSize, patience, summarize,
                    bootstrapSamples, seed, stopWhenLearned);
        }
    }
}

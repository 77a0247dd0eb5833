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
 * @param selection           how parents are chosen and which candidates survive (paper: {@link Selection#BEAM})
 * @param minibatchGate       true: a child first answers its parent's training minibatch and goes on to
 *                            validation only when it scores at least as well as its parent there (paper: false)
 * @param validation          how candidates are rated on the validation rows (paper: {@link Validation#FULL})
 * @param judgeSamples        times the LLM judge rates each answer, sampled, combined into one score (paper: 1),
 *                            1 to {@link #MAX_JUDGE_SAMPLES}
 * @param minConfidence       0 (paper: off), or a confidence in (0.5, 1): a child takes its parent's place
 *                            only when a one-sided paired bootstrap on the validation rows says it is better
 *                            with this confidence; patience then counts iterations without such a gain
 * @param stopWhenLearned     stop when nothing is left to learn (ours: on): the best prompt passes every
 *                            validation row and its minibatch produced no gradient
 *                            ({@link StopReason#NOTHING_TO_LEARN})
 */
public record SearchOptions(int beamSize, int iterations, int candidatesPerPrompt, int minibatchSize,
                            int patience, boolean summarize, int bootstrapSamples, long seed,
                            Selection selection, boolean minibatchGate, Validation validation, int judgeSamples,
                            double minConfidence, boolean stopWhenLearned) {
    private static final SearchOptions DEFAULTS = new SearchOptions(3, 10, 3, 30, 3, true, 2000, 0,
            Selection.BEAM, false, Validation.FULL, 1, 0, true);

    /**
     * Which candidates are expanded and which survive an iteration. Both keep the summary step.
     */
    public enum Selection {
        /** The paper's: the {@code beamSize} best by mean validation score are kept and all of them expanded. */
        BEAM,
        /**
         * GEPA-style: the pool is the candidates best on at least one validation row that no other candidate
         * dominates (plus the best by mean); each iteration {@code beamSize} parents are drawn from it without
         * repeats, weighted by the rows each wins, seeded.
         */
        PARETO
    }

    /** How the candidates of an iteration are rated on the validation rows. */
    public enum Validation {
        /** The paper's: every new candidate answers every validation row. */
        FULL,
        /**
         * Successive halving of the children: all answer a first slice of the validation rows, the better half
         * goes on to twice the rows, and so on, until at least {@code beamSize} survivors answer them all.
         */
        HALVING
    }

    /** Upper bound of {@code beamSize}: wider beams multiply every iteration's calls without a use. */
    public static final int MAX_BEAM_SIZE = 20;
    /** Upper bound of {@code iterations}. */
    public static final int MAX_ITERATIONS = 100;
    /** Upper bound of {@code candidatesPerPrompt}: the editor writes them all in one answer. */
    public static final int MAX_CANDIDATES_PER_PROMPT = 20;
    /** Upper bound of {@code minibatchSize}. */
    public static final int MAX_MINIBATCH_SIZE = 1000;
    /** Upper bound of {@code judgeSamples}: each sample is one more judge call per answer. */
    public static final int MAX_JUDGE_SAMPLES = 15;

    /** @throws ConfigurationException naming the first knob out of range */
    public SearchOptions {
        within("beamSize", beamSize, 1, MAX_BEAM_SIZE);
        within("iterations", iterations, 0, MAX_ITERATIONS);
        within("candidatesPerPrompt", candidatesPerPrompt, 1, MAX_CANDIDATES_PER_PROMPT);
        within("minibatchSize", minibatchSize, 1, MAX_MINIBATCH_SIZE);
        atLeast("patience", patience, 1);
        atLeast("bootstrapSamples", bootstrapSamples, 1);
        selection = selection == null ? Selection.BEAM : selection;
        validation = validation == null ? Validation.FULL : validation;
        within("judgeSamples", judgeSamples, 1, MAX_JUDGE_SAMPLES);
        confidence(minConfidence);
    }

    /**
     * The paper's beam 3 and 10 iterations; K 3, minibatch 30, patience 3, summary on, 2000 resamples, seed 0;
     * beam selection, no minibatch gate, full validation, one judge sample, no acceptance test;
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

    private static void confidence(double value) {
        if (value != 0 && !(value > 0.5 && value < 1)) {
            throw new ConfigurationException("minConfidence must be 0 (off) or between 0.5 and 1 (exclusive), was "
                    + value);
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
        private Selection selection;
        private boolean minibatchGate;
        private Validation validation;
        private int judgeSamples;
        private double minConfidence;
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
            selection = from.selection;
            minibatchGate = from.minibatchGate;
            validation = from.validation;
            judgeSamples = from.judgeSamples;
            minConfidence = from.minConfidence;
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
        public Builder selection(Selection v) { selection = java.util.Objects.requireNonNull(v, "selection"); return this; }
        public Builder minibatchGate(boolean v) { minibatchGate = v; return this; }
        public Builder validation(Validation v) { validation = java.util.Objects.requireNonNull(v, "validation"); return this; }
        public Builder judgeSamples(int v) { within("judgeSamples", v, 1, MAX_JUDGE_SAMPLES); judgeSamples = v; return this; }
        public Builder minConfidence(double v) { confidence(v); minConfidence = v; return this; }
        public Builder stopWhenLearned(boolean v) { stopWhenLearned = v; return this; }

        public SearchOptions build() {
            return new SearchOptions(beamSize, iterations, candidatesPerPrompt, minibatchSize, patience, summarize,
                    bootstrapSamples, seed, selection, minibatchGate, validation, judgeSamples, minConfidence,
                    stopWhenLearned);
        }
    }
}

package dev.gradsum.search;

/**
 * Knobs of the beam search. Paper values where the paper states them (beam 3, 10 iterations, about 30
 * training rows); ours where it is silent (documented in the README).
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
    public SearchOptions {
        positive("beamSize", beamSize);
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, was " + iterations);
        positive("candidatesPerPrompt", candidatesPerPrompt);
        positive("minibatchSize", minibatchSize);
        positive("patience", patience);
        positive("bootstrapSamples", bootstrapSamples);
    }

    public static SearchOptions defaults() {
        return new SearchOptions(3, 10, 3, 30, 3, true, 2000, 0);
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, was " + v);
    }

    public SearchOptions withBeamSize(int v) { return new SearchOptions(v, iterations, candidatesPerPrompt, minibatchSize, patience, summarize, bootstrapSamples, seed); }
    public SearchOptions withIterations(int v) { return new SearchOptions(beamSize, v, candidatesPerPrompt, minibatchSize, patience, summarize, bootstrapSamples, seed); }
    public SearchOptions withCandidatesPerPrompt(int v) { return new SearchOptions(beamSize, iterations, v, minibatchSize, patience, summarize, bootstrapSamples, seed); }
    public SearchOptions withMinibatchSize(int v) { return new SearchOptions(beamSize, iterations, candidatesPerPrompt, v, patience, summarize, bootstrapSamples, seed); }
    public SearchOptions withPatience(int v) { return new SearchOptions(beamSize, iterations, candidatesPerPrompt, minibatchSize, v, summarize, bootstrapSamples, seed); }
    public SearchOptions withSummarize(boolean v) { return new SearchOptions(beamSize, iterations, candidatesPerPrompt, minibatchSize, patience, v, bootstrapSamples, seed); }
    public SearchOptions withBootstrapSamples(int v) { return new SearchOptions(beamSize, iterations, candidatesPerPrompt, minibatchSize, patience, summarize, v, seed); }
    public SearchOptions withSeed(long v) { return new SearchOptions(beamSize, iterations, candidatesPerPrompt, minibatchSize, patience, summarize, bootstrapSamples, v); }
}

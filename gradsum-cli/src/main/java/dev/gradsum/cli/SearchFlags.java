package dev.gradsum.cli;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.search.SearchOptions;
import picocli.CommandLine.Option;

/**
 * Flags that change what the search does (and so what {@code plan} estimates); each overrides the
 * task file's value. A resume must repeat them, so they are part of a stored run's configuration.
 */
final class SearchFlags {
    @Option(names = "--seed", paramLabel = "N", description = {"Seed for minibatch sampling, jitter and bootstrap.", "Default: search.seed, else 0."})
    Long seed;

    @Option(names = "--iterations", paramLabel = "N", description = "Most iterations (paper: 10).")
    Integer iterations;

    @Option(names = "--beam", paramLabel = "N", description = "Prompts kept per iteration (paper: 3).")
    Integer beam;

    @Option(names = "--no-summarize", description = "The paper's ablation: the editor gets the raw gradients, not their summary.")
    boolean noSummarize;

    /** Fails on values no search can use. */
    void check() {
        within("--iterations", iterations, 0, SearchOptions.MAX_ITERATIONS);
        within("--beam", beam, 1, SearchOptions.MAX_BEAM_SIZE);
    }

    /** The flags given, set on {@code options} over whatever it holds (the task file's values). */
    SearchOptions.Builder applyTo(SearchOptions.Builder options) {
        if (beam != null) options.beamSize(beam);
        if (iterations != null) options.iterations(iterations);
        if (seed != null) options.seed(seed);
        if (noSummarize) options.summarize(false);
        return options;
    }

    /** {@link #atLeast}, and at most {@code max} (the library's bound, see {@link SearchOptions}). */
    static void within(String flag, Integer value, int min, int max) {
        atLeast(flag, value, min);
        if (value != null && value > max) {
            throw new ConfigurationException(flag + ": must be at most " + max + ", got " + value);
        }
    }

    static void atLeast(String flag, Integer value, int min) {
        if (value != null && value < min) {
            throw new ConfigurationException(flag + ": must be at least " + min + ", got " + value);
        }
    }
}

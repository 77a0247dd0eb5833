package dev.gradsum.cli;

import dev.gradsum.ConfigurationException;
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
        atLeast("--iterations", iterations, 0);
        atLeast("--beam", beam, 1);
    }

    static void atLeast(String flag, Integer value, int min) {
        if (value != null && value < min) {
            throw new ConfigurationException(flag + ": must be at least " + min + ", got " + value);
        }
    }
}

package dev.gradsum.cli;

import dev.gradsum.ConfigurationException;
import picocli.CommandLine.Option;

/** Flags shared by the commands that run a search; each overrides the task file's value. */
public final class RunOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = {"Folder that receives the run folders.", "Default: the task file's output:, else gradsum-runs."})
    String out;

    @Option(names = "--seed", paramLabel = "N", description = {"Seed for minibatch sampling, jitter and bootstrap.", "Default: search.seed, else 0."})
    Long seed;

    @Option(names = "--iterations", paramLabel = "N", description = "Most iterations (paper: 10).")
    Integer iterations;

    @Option(names = "--beam", paramLabel = "N", description = "Prompts kept per iteration (paper: 3).")
    Integer beam;

    @Option(names = "--concurrency", paramLabel = "N", description = {"Most model calls in flight.", "Default: search.concurrency, else 8."})
    Integer concurrency;

    @Option(names = "--no-summarize", description = "The paper's ablation: the editor gets the raw gradients, not their summary.")
    boolean noSummarize;

    /** Fails on values no search can use. */
    void check() {
        atLeast("--iterations", iterations, 0);
        atLeast("--beam", beam, 1);
        atLeast("--concurrency", concurrency, 1);
    }

    private static void atLeast(String flag, Integer value, int min) {
        if (value != null && value < min) {
            throw new ConfigurationException(flag + ": must be at least " + min + ", got " + value);
        }
    }
}

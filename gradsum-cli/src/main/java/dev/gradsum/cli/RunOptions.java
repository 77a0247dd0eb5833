package dev.gradsum.cli;

import picocli.CommandLine.Option;

/** Flags of the commands that run a search ({@code optimize}, {@code demo}) that do not change its result. */
final class RunOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = {"Folder that receives the run folders.", "Default: the task file's output:, else gradsum-runs."})
    String out;

    @Option(names = "--concurrency", paramLabel = "N", description = {"Most model calls in flight.", "Default: search.concurrency, else 8."})
    Integer concurrency;

    /** Fails on values no run can use. */
    void check() {
        SearchFlags.atLeast("--concurrency", concurrency, 1);
    }
}

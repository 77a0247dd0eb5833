package dev.gradsum.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Flags of the commands that run a search ({@code optimize}, {@code demo}) that do not change its result. */
final class RunOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = {"Folder that receives the run folders.", "Default: the task file's output:, else gradsum-runs."})
    String out;

    @Mixin
    ConcurrencyOption concurrency = new ConcurrencyOption();

    /** Fails on values no run can use. */
    void check() {
        SearchFlags.atLeast("--concurrency", concurrency.value, 1);
    }
}

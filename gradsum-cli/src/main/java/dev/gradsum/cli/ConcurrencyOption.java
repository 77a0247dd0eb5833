package dev.gradsum.cli;

import picocli.CommandLine.Option;

/** {@code --concurrency N} of the commands that call models for a task file ({@code optimize}, {@code demo}, {@code eval}, {@code judge-check}). */
final class ConcurrencyOption {
    @Option(names = "--concurrency", paramLabel = "N", description = {"Most model calls in flight.", "Default: search.concurrency, else 8."})
    Integer value;
}

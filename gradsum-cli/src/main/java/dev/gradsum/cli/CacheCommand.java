package dev.gradsum.cli;

import dev.gradsum.recording.CacheStats;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gradsum cache stats|clear}: the store's call cache. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "The call cache in the store: identical requests are answered from it, across runs and processes.")
final class CacheCommand implements Callable<Integer> {
    private final Cli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    CacheCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(cli.out());
        return ExitCode.OK;
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Entries, size, and what they cost when they were made.")
    static final class Stats implements Callable<Integer> {
        private final Cli cli;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        Stats(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            String line = storeOptions.read(store -> {
                CacheStats s = store.stats();
                return String.format(Locale.ROOT, "%s: %d cached replies, %.1f KiB of text, worth $%.4f of calls",
                        store.path(), s.entries(), s.bytes() / 1024.0, s.costUsd());
            }).orElse(storeOptions.path(null) + ": no store yet, 0 cached replies");
            cli.out().println(line);
            return ExitCode.OK;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Forget every cached reply (runs are kept).")
    static final class Clear implements Callable<Integer> {
        private final Cli cli;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        Clear(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            cli.out().println(storeOptions.read(store -> store.path() + ": removed " + store.clear() + " cached replies.")
                    .orElse(storeOptions.path(null) + ": no store yet, nothing to clear."));
            return ExitCode.OK;
        }
    }
}

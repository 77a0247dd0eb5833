package dev.gradsum.cli;

import dev.gradsum.store.CacheStats;
import dev.gradsum.store.SqliteStore;
import java.util.Locale;
import java.util.Optional;
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
            Optional<SqliteStore> existing = storeOptions.openExisting();
            if (existing.isEmpty()) {
                cli.out().println(storeOptions.path(null) + ": no store yet, 0 cached replies");
                return ExitCode.OK;
            }
            try (SqliteStore store = existing.get()) {
                CacheStats s = store.stats();
                cli.out().println(String.format(Locale.ROOT, "%s: %d cached replies, %.1f KiB of text, worth $%.4f of calls",
                        store.path(), s.entries(), s.bytes() / 1024.0, s.costUsd()));
            }
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
            Optional<SqliteStore> existing = storeOptions.openExisting();
            if (existing.isEmpty()) {
                cli.out().println(storeOptions.path(null) + ": no store yet, nothing to clear.");
                return ExitCode.OK;
            }
            try (SqliteStore store = existing.get()) {
                cli.out().println(store.path() + ": removed " + store.clear() + " cached replies.");
            }
            return ExitCode.OK;
        }
    }
}

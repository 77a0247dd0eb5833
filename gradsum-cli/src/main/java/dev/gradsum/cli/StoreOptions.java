package dev.gradsum.cli;

import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where the store is: {@code --store PATH}, else the task file's {@code store:}, else {@code .gradsum/gradsum.db}. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "PATH",
            description = {"The SQLite store holding the call cache and all runs.",
                    "Default: .gradsum/gradsum.db (optimize, eval: the task file's store: first)."})
    Path store;

    /** The store for a command that only reads it: empty when there is no store file, which is not created. */
    Optional<SqliteStore> openExisting() {
        Path path = path(null);
        return Files.exists(path) ? Optional.of(SqliteStore.open(path)) : Optional.empty();
    }

    /**
     * Reads the existing store with {@code read} and closes it, or answers {@code empty} without creating
     * a store when there is none.
     */
    <T> Optional<T> read(Function<SqliteStore, T> read) {
        Optional<SqliteStore> existing = openExisting();
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        try (SqliteStore store = existing.get()) {
            return Optional.ofNullable(read.apply(store));
        }
    }

    Path path(TaskFile file) {
        if (store != null) {
            return store;
        }
        return file != null && file.store() != null ? file.store() : SqliteStore.DEFAULT_PATH;
    }
}

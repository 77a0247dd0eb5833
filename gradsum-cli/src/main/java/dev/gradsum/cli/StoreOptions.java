package dev.gradsum.cli;

import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.store.SqliteStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the store is: {@code --store PATH}, else the task file's {@code store:}, else {@code .gradsum/gradsum.db}. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "PATH",
            description = {"The SQLite store holding the call cache and all runs.",
                    "Default: .gradsum/gradsum.db (optimize: the task file's store: first)."})
    Path store;

    Path path(TaskFile file) {
        if (store != null) {
            return store;
        }
        return file != null && file.store() != null ? file.store() : SqliteStore.DEFAULT_PATH;
    }
}

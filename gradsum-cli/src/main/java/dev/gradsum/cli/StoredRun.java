package dev.gradsum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.OptimizationRun;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.store.RunDetails;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line's side of a run the library records ({@link OptimizationRun}): on Ctrl-C (or SIGTERM)
 * a shutdown hook interrupts the search, which stops at a safe point; the outputs of what is done are
 * written and the run is marked {@code stopped}. Also reads back, for {@code --resume ID}, the task file
 * and search flags a stored run was started with.
 */
final class StoredRun implements AutoCloseable {
    /** How long Ctrl-C waits for the search to stop and the outputs to be written. */
    static final long STOP_GRACE_SECONDS = 30;
    /** The run label holding the task file a run was started from (absolute path). */
    static final String TASK_FILE_LABEL = "taskFile";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OptimizationRun run;
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    private StoredRun(OptimizationRun run, Thread searchThread) {
        this.run = run;
        this.hook = new Thread(() -> stopOnSignal(searchThread), "gradsum-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Watches {@code run}, searched on this thread, for Ctrl-C until closed. */
    static StoredRun watch(OptimizationRun run) {
        return new StoredRun(run, Thread.currentThread());
    }

    /** The task file label of a run started from {@code taskFile}. */
    static String taskFileLabel(Path taskFile) {
        return taskFile.toAbsolutePath().normalize().toString();
    }

    private void stopOnSignal(Thread searchThread) {
        searchThread.interrupt();
        try {
            if (!written.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                run.stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything is written and said: a pending Ctrl-C may now end the process. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and waits for the countdown below
        }
        written.countDown();
    }

    /**
     * For {@code --resume ID}: the task file the run was started from, with the run's search knobs that
     * have flags put back on {@code flags} where the user gave none (the run's configuration is the one
     * {@link dev.gradsum.GradSum#runConfiguration()} wrote).
     */
    static String resumeFrom(RunDetails run, String taskFile, SearchFlags flags) {
        JsonNode c;
        try {
            c = JSON.readTree(run.configJson());
        } catch (IOException e) {
            throw new ConfigurationException("run " + run.summary().id() + ": its stored configuration cannot be read ("
                    + e.getMessage() + "); start a new run");
        }
        if (!c.has("labels")) {
            throw new ConfigurationException("run " + run.summary().id() + " was started by an earlier gradsum, whose"
                    + " runs cannot be resumed; start a new run (the calls it answered are still free from the store)");
        }
        JsonNode o = c.path("options");
        if (flags.seed == null && o.has("seed")) flags.seed = o.get("seed").asLong();
        if (flags.iterations == null && o.has("iterations")) flags.iterations = o.get("iterations").asInt();
        if (flags.beam == null && o.has("beamSize")) flags.beam = o.get("beamSize").asInt();
        if (!o.path("summarize").asBoolean(true)) flags.noSummarize = true;
        if (taskFile != null) {
            return taskFile;
        }
        String stored = c.path("labels").path(TASK_FILE_LABEL).asText(null);
        if (stored == null) {
            throw new ConfigurationException("run " + run.summary().id() + " names no task file; give it: gradsum optimize"
                    + " TASK.yaml --resume " + run.summary().id());
        }
        return stored;
    }
}

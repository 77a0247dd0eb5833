package dev.gradsum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gradsum.ConfigurationException;
import dev.gradsum.GradSum;
import dev.gradsum.OptimizationResult;
import dev.gradsum.cli.report.RunInfo;
import dev.gradsum.internal.Hashing;
import dev.gradsum.store.RecordedRun;
import dev.gradsum.store.RunDetails;
import dev.gradsum.store.RunRecorder;
import dev.gradsum.store.SqliteStore;
import dev.gradsum.task.Example;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code optimize} run kept in the store: started, or resumed under its id (same configuration:
 * the search replays every answered call from the cache for free and goes on where it stopped), with
 * what earlier attempts spent counted against the budget. On Ctrl-C (or SIGTERM) a shutdown hook
 * interrupts the search, which stops at a safe point; the outputs of what is done are written and the
 * run is marked {@code stopped}.
 */
final class StoredRun implements AutoCloseable {
    /** How long Ctrl-C waits for the search to stop and the outputs to be written. */
    static final long STOP_GRACE_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    final SqliteStore store;
    final RunRecorder recorder;
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    private StoredRun(SqliteStore store, RunRecorder recorder, Thread searchThread) {
        this.store = store;
        this.recorder = recorder;
        this.hook = new Thread(() -> stopOnSignal(searchThread), "gradsum-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Resumes run {@code resumeId} in the store at {@code storePath}, or, when it is null, starts a new
     * run under an id that neither the store nor {@code root} has yet (a new run never continues another
     * by accident); tells the user when an earlier run of the same configuration could be continued
     * instead (see {@link ResumeHint}).
     */
    static StoredRun start(Path storePath, String resumeId, Path root, TaskRun run, String config, Instant started,
                           PrintStream err) {
        SqliteStore store = SqliteStore.open(storePath);
        try {
            if (resumeId == null) {
                String storeFlag = storePath.equals(SqliteStore.DEFAULT_PATH) ? "" : " --store " + storePath;
                ResumeHint.of(store, config, run.budget,
                        id -> "gradsum optimize " + run.file.label() + " --resume " + id + storeFlag).ifPresent(err::println);
            }
            RunRecorder recorder = resumeId != null
                    ? store.start(resumeId, run.file.name(), config, started)
                    : newRun(store, root, run, config, started);
            if (recorder.attempt() > 1) {
                err.println("Resuming run " + recorder.runId() + " (attempt " + recorder.attempt() + "): answered calls come from "
                        + storePath + " for free.");
            }
            return new StoredRun(store, recorder, Thread.currentThread());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * A new run under an id that neither the store nor {@code root} has; when another process takes the
     * same id between the choice and the insert, the next free id is taken instead.
     */
    private static RunRecorder newRun(SqliteStore store, Path root, TaskRun run, String config, Instant started) {
        while (true) {
            String id = RunIds.next(root, run.file.name(), started, known -> store.run(known).isPresent());
            Optional<RunRecorder> recorder = store.startNew(id, run.file.name(), config, started);
            if (recorder.isPresent()) {
                return recorder.get();
            }
        }
    }

    String runId() {
        return recorder.runId();
    }

    /** The run's cache, listeners and earlier spending, on the builder. */
    GradSum.Builder wire(GradSum.Builder b, boolean noCache) {
        return b.cache(noCache ? recorder.writeOnlyCache() : recorder.cache())
                .listener(recorder)
                .callListener(recorder)
                .spentBefore(store.spentByRole(recorder.runId()));
    }

    /** Records what the run was asked to do, with the folder its outputs go to. */
    void describe(RunInfo info, Path runDir) {
        recorder.describe(info.description(runDir));
    }

    /**
     * The search returned: record the result and read the whole run back from the store, as
     * {@code gradsum report ID} will (a pending Ctrl-C finishes once this run is closed).
     */
    RecordedRun finished(OptimizationResult result) {
        recorder.finished(result);
        return store.recorded(recorder.runId()).orElseThrow(() -> new IllegalStateException(
                "run " + recorder.runId() + " was recorded but cannot be read back from " + store.path()));
    }

    void failed(Throwable e) {
        recorder.failed(e);
    }

    private void stopOnSignal(Thread searchThread) {
        searchThread.interrupt();
        try {
            if (!written.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                recorder.stopped();
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
        store.close();
    }

    // ---- configuration: what must match for a resume to replay ------------------------------------

    /**
     * The configuration a resume must repeat, as JSON: the task file (path and content), the rows of the
     * split, and the flags that change the search. Concurrency, budget and output folder may change, so
     * the task file's {@code budget:}, {@code output:} and {@code search.concurrency} are left out of its
     * hash (as are its comments and layout).
     */
    static String config(TaskRun run, SearchFlags flags) {
        Map<String, Object> c = new LinkedHashMap<>();
        Path file = run.file.file().toAbsolutePath().normalize();
        c.put("taskFile", file.toString());
        c.put("taskSha256", Hashing.sha256(searchDefiningContent(file)));
        StringBuilder rows = new StringBuilder();
        for (List<Example> part : List.of(run.setup.split().train(), run.setup.split().validation(), run.setup.split().test())) {
            for (Example e : part) rows.append(e.id()).append('\u0001').append(e.fields()).append('\u0002');
            rows.append('\u0003');
        }
        c.put("rowsSha256", Hashing.sha256(rows.toString()));
        c.put("flags", identityFlags(flags));
        c.put("options", run.options);
        try {
            return JSON.writeValueAsString(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task file as canonical JSON without the keys a resume may change. */
    private static String searchDefiningContent(Path file) {
        try {
            JsonNode root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root instanceof ObjectNode task) {
                task.remove(List.of("budget", "output"));
                if (task.get("search") instanceof ObjectNode search) {
                    search.remove("concurrency");
                }
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> identityFlags(SearchFlags flags) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (flags.seed != null) f.put("seed", flags.seed);
        if (flags.iterations != null) f.put("iterations", flags.iterations);
        if (flags.beam != null) f.put("beam", flags.beam);
        if (flags.noSummarize) f.put("noSummarize", true);
        return f;
    }

    /**
     * For {@code --resume ID}: the task file the run was started from, with the run's search flags put
     * back on {@code flags} where the user gave none.
     */
    static String resumeFrom(RunDetails run, String taskFile, SearchFlags flags) {
        try {
            JsonNode c = JSON.readTree(run.configJson());
            JsonNode f = c.path("flags");
            if (flags.seed == null && f.has("seed")) flags.seed = f.get("seed").asLong();
            if (flags.iterations == null && f.has("iterations")) flags.iterations = f.get("iterations").asInt();
            if (flags.beam == null && f.has("beam")) flags.beam = f.get("beam").asInt();
            if (f.path("noSummarize").asBoolean(false)) flags.noSummarize = true;
            return taskFile != null ? taskFile : c.path("taskFile").asText();
        } catch (IOException e) {
            throw new ConfigurationException("run " + run.summary().id() + ": its stored configuration cannot be read ("
                    + e.getMessage() + "); start a new run");
        }
    }
}

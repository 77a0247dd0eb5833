package dev.gradsum.cli;

import dev.gradsum.GradSum;
import dev.gradsum.OptimizationRun;
import dev.gradsum.cli.plan.CallPlan;
import dev.gradsum.cli.progress.Progress;
import dev.gradsum.cli.report.RunInfo;
import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.UnusableReplies;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.StopReason;
import dev.gradsum.store.RunDetails;
import dev.gradsum.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradsum optimize TASK.yaml}: runs GRAD-SUM and writes a run folder. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Optimize the task's prompt with GRAD-SUM and write a run folder.",
                "The run folder holds best_prompt.txt, result.json and report.html. Every answered call is kept "
                + "in the store, so a rerun, or --resume after a crash or Ctrl-C, pays for nothing twice."})
final class OptimizeCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TASK.yaml",
            description = "The task file (with --resume: optional, the run's own by default).")
    String taskFile;

    @Option(names = "--resume", paramLabel = "ID",
            description = "Continue run ID where it stopped (same task file and search flags): answered calls are not sent again.")
    String resume;

    @Option(names = "--no-cache", description = "Send every call again instead of answering from the store (answers are still kept).")
    boolean noCache;

    @Mixin
    SearchFlags search = new SearchFlags();

    @Mixin
    RunOptions flags = new RunOptions();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    RecordingOptions recordingOptions = new RecordingOptions();

    OptimizeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        String taskPath = resume == null ? required(taskFile) : resumeTaskFile();
        recordingOptions.check();
        TaskRun run = TaskRun.load(taskPath, search, flags.concurrency.value)
                .connect(cli.env(), cli.err()::println, recordingOptions.replaying());
        CallPlan plan = CallPlan.of(run.setup, run.options, MetaPrompts.defaults());
        Progress progress = Progress.forOutput(cli.err(), cli.interactive(), cli.clock(), run.options.iterations(),
                plan.estimate());
        EvaluationErrors errors = new EvaluationErrors();
        UnusableReplies unusable = new UnusableReplies();
        Path root = TaskRun.outputRoot(flags, run.file);
        Instant started = cli.clock().instant();
        Path storePath = storeOptions.path(run.file);
        try (SqliteStore store = SqliteStore.open(storePath)) {
            GradSum gradSum = run.builder(cli)
                    .store(store).reuseAnswers(!noCache).cacheLayer(recordingOptions.layer())
                    .runLabel(StoredRun.TASK_FILE_LABEL, StoredRun.taskFileLabel(run.file.file()))
                    .listener(progress).listener(errors).callListener(progress).callListener(unusable)
                    .build();
            String storeFlag = storePath.equals(SqliteStore.DEFAULT_PATH) ? "" : " --store " + storePath;
            Function<String, String> resumeCommand = id -> "gradsum optimize " + run.file.label() + " --resume " + id + storeFlag;
            if (resume == null) {
                ResumeHint.of(gradSum.continuableRuns(), resumeCommand).ifPresent(cli.err()::println);
            }
            OptimizationRun recorded = resume != null ? gradSum.resumeRun(resume)
                    : gradSum.startRun(started, id -> Files.exists(root.resolve(id)));
            String runId = recorded.id();
            if (recorded.attempt() > 1) {
                progress.resumedFrom(store.spent(runId));
                cli.err().println("Resuming run " + runId + " (attempt " + recorded.attempt() + "): answered calls come from "
                        + storePath + " for free.");
            }
            try (StoredRun watched = StoredRun.watch(recorded)) {
                Path runDir = root.resolve(runId);
                recorded.describe(new RunInfo(runId, run.file.name(), run.file.description(), run.file.file(),
                        run.modelsByRole(), run.options, run.budget, run.settings(), started).description(runDir));
                progress.start();
                OptimizationResult result;
                try {
                    try {
                        result = recorded.optimize();
                    } finally {
                        progress.finish();
                        recordingOptions.finish();
                    }
                } catch (RuntimeException e) {
                    sayFailed(store, runId, runDir, resumeCommand.apply(runId));
                    throw e;
                }
                RecordedRun written = store.recorded(runId).orElseThrow(() -> new IllegalStateException(
                        "run " + runId + " was recorded but cannot be read back from " + store.path()));
                RunOutputs.Written files = RunOutputs.write(runDir, written);
                ResultSummary.print(cli.out(), result, files, errors.count(), unusable.tallies());
                if (result.stopReason() == StopReason.INTERRUPTED) {
                    cli.err().println("Run " + runId + " stopped. Continue with: " + resumeCommand.apply(runId));
                }
                return result.stopReason() == StopReason.BUDGET ? ExitCode.BUDGET : ExitCode.OK;
            }
        }
    }

    /**
     * A run whose search threw: its id, the folder holding what the store has of it, and the command that
     * resumes it, on stderr before the error's own line (which {@link Main} prints). Writing the folder
     * never hides the error: a failure to write is said and the run's error still follows.
     */
    private void sayFailed(SqliteStore store, String runId, Path runDir, String resumeCommand) {
        String folder;
        try {
            folder = store.run(runId).map(d -> RunOutputs.writeUnfinished(runDir, d, resumeCommand))
                    .map(dir -> "; what it recorded is in " + dir.resolve(RunOutputs.RUN_TXT)).orElse("");
        } catch (RuntimeException writeFailed) {
            folder = "; its run folder could not be written (" + writeFailed.getMessage() + ")";
        }
        cli.err().println("Run " + runId + " failed" + folder + ". Resume it with: " + resumeCommand);
        cli.err().flush();
    }

    private String resumeTaskFile() {
        Path storePath = storeOptions.store != null ? storeOptions.store
                : taskFile != null ? storeOptions.path(TaskFileReader.read(Path.of(taskFile), taskFile))
                : SqliteStore.DEFAULT_PATH;
        RunDetails details;
        try (SqliteStore store = SqliteStore.open(storePath)) {
            details = store.run(resume).orElseThrow(() -> new ConfigurationException("--resume " + resume
                    + ": no such run in " + storePath + " (gradsum runs lists them; --store points elsewhere)"));
        }
        if (storeOptions.store == null) {
            storeOptions.store = storePath;
        }
        return StoredRun.resumeFrom(details, taskFile, search);
    }

    private static String required(String taskFile) {
        if (taskFile == null) {
            throw new ConfigurationException("optimize: give TASK.yaml, or --resume ID to continue a run (see gradsum optimize --help)");
        }
        return taskFile;
    }
}

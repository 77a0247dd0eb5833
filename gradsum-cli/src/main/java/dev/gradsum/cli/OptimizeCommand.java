package dev.gradsum.cli;

import dev.gradsum.GradSum;
import dev.gradsum.OptimizationRun;
import dev.gradsum.cli.plan.CallPlan;
import dev.gradsum.cli.progress.Progress;
import dev.gradsum.cli.report.RunInfo;
import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.exception.ConfigurationException;
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

    OptimizeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        String taskPath = resume == null ? required(taskFile) : resumeTaskFile();
        TaskRun run = TaskRun.load(taskPath, search, flags.concurrency).connect(cli.env(), cli.err()::println);
        CallPlan plan = CallPlan.of(run.setup, run.options, MetaPrompts.defaults());
        Progress progress = Progress.forOutput(cli.err(), cli.interactive(), cli.clock(), run.options.iterations(),
                plan.totalCalls().high());
        EvaluationErrors errors = new EvaluationErrors();
        Path root = TaskRun.outputRoot(flags, run.file);
        Instant started = cli.clock().instant();
        Path storePath = storeOptions.path(run.file);
        try (SqliteStore store = SqliteStore.open(storePath)) {
            GradSum gradSum = run.builder(cli)
                    .store(store).reuseAnswers(!noCache)
                    .runLabel(StoredRun.TASK_FILE_LABEL, StoredRun.taskFileLabel(run.file.file()))
                    .listener(progress).listener(errors).callListener(progress)
                    .build();
            String storeFlag = storePath.equals(SqliteStore.DEFAULT_PATH) ? "" : " --store " + storePath;
            if (resume == null) {
                ResumeHint.of(store, gradSum.continuableRuns(), run.budget,
                        id -> "gradsum optimize " + run.file.label() + " --resume " + id + storeFlag).ifPresent(cli.err()::println);
            }
            OptimizationRun recorded = resume != null ? gradSum.resumeRun(resume)
                    : gradSum.startRun(started, id -> Files.exists(root.resolve(id)));
            String runId = recorded.id();
            if (recorded.attempt() > 1) {
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
                    result = recorded.optimize();
                } finally {
                    progress.finish();
                }
                RecordedRun written = store.recorded(runId).orElseThrow(() -> new IllegalStateException(
                        "run " + runId + " was recorded but cannot be read back from " + store.path()));
                RunOutputs.Written files = RunOutputs.write(runDir, written);
                ResultSummary.print(cli.out(), result, files, errors.count());
                if (result.stopReason() == StopReason.INTERRUPTED) {
                    cli.err().println("Stopped. Continue with: gradsum optimize " + run.file.label() + " --resume " + runId
                            + (storeOptions.store == null ? "" : " --store " + storeOptions.store));
                }
                return result.stopReason() == StopReason.BUDGET ? ExitCode.BUDGET : ExitCode.OK;
            }
        }
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

package dev.gradsum.cli;

import dev.gradsum.GradSum;
import dev.gradsum.OptimizationResult;
import dev.gradsum.cli.plan.CallPlan;
import dev.gradsum.cli.progress.Progress;
import dev.gradsum.cli.report.RunInfo;
import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.modules.MetaPrompts;
import dev.gradsum.search.StopReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gradsum optimize TASK.yaml}: runs GRAD-SUM and writes a run folder. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Optimize the task's prompt with GRAD-SUM and write a run folder",
                "(best_prompt.txt, result.json, report.html)."})
final class OptimizeCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TASK.yaml", description = "The task file.")
    String taskFile;

    @Mixin
    RunOptions flags = new RunOptions();

    OptimizeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TaskRun run = TaskRun.load(taskFile, flags).connect(cli.env());
        CallPlan plan = CallPlan.of(run.setup, run.options, MetaPrompts.defaults());
        Progress progress = Progress.forOutput(cli.err(), cli.interactive(), cli.clock(), run.options.iterations(),
                plan.totalCalls().high());
        RunRecorder recorder = new RunRecorder();
        Path root = TaskRun.outputRoot(flags, run.file);
        Instant started = cli.clock().instant();
        String runId = RunIds.next(root, run.file.name(), started);
        GradSum gradSum = run.builder(cli).listener(progress).listener(recorder).callListener(progress).build();

        progress.start();
        OptimizationResult result;
        try {
            result = gradSum.optimize();
        } finally {
            progress.finish();
        }
        RunInfo info = new RunInfo(runId, run.file.name(), run.file.description(), run.file.file(),
                run.modelsByRole(), run.options, run.budget, run.settings(), started);
        RunOutputs.Written written = RunOutputs.write(root.resolve(runId), info, result,
                recorder.testEvaluations(result));
        ResultSummary.print(cli.out(), result, written, recorder.evaluationErrors());
        return result.stopReason() == StopReason.BUDGET ? ExitCode.BUDGET : ExitCode.OK;
    }
}

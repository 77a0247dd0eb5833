package dev.gradsum.cli;

import dev.gradsum.GradSum;
import dev.gradsum.cli.progress.Progress;
import dev.gradsum.cli.report.RunInfo;
import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.cli.report.TestEvaluationsRecorder;
import dev.gradsum.engine.CallEstimate;
import dev.gradsum.llm.CallPath;
import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.recording.RunIds;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.simulation.SimulatedWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gradsum demo}: the whole loop in the simulated world, offline, with no API key. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run GRAD-SUM in the SIMULATED world: no real model, no API key.",
                "Deterministic stand-in models answer a synthetic task with hidden rules."})
final class DemoCommand implements Callable<Integer> {
    static final String BANNER = "SIMULATION: no real language model is called. gradsum demo runs the simulated world "
            + "(deterministic stand-in models over a synthetic task with hidden rules) to show the loop end to end.";

    private final Cli cli;

    @Mixin
    SearchFlags search = new SearchFlags();

    @Mixin
    RunOptions flags = new RunOptions();

    DemoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        search.check();
        flags.check();
        SimulatedWorld world = SimulatedWorld.create();
        SearchOptions options = search.applyTo(SearchOptions.builder()).build();
        int concurrency = flags.concurrency.value != null ? flags.concurrency.value : CallPath.DEFAULT_MAX_CONCURRENCY;

        cli.out().println(BANNER);
        cli.out().flush();
        Progress progress = Progress.forOutput(cli.err(), cli.interactive(), cli.clock(), options.iterations(),
                CallEstimate.Range.ZERO);
        EvaluationErrors errors = new EvaluationErrors();
        TestEvaluationsRecorder tests = new TestEvaluationsRecorder();
        Path root = TaskRun.outputRoot(flags, null);
        Instant started = cli.clock().instant();
        String runId = RunIds.next("demo-" + world.task().name(), started, id -> Files.exists(root.resolve(id)));
        GradSum gradSum = GradSum.builder()
                .task(world.task())
                .models(world.models())
                .dataset(world.dataset())
                .options(options)
                .maxConcurrency(concurrency)
                .sleeper(cli.sleeper())
                .listener(progress)
                .listener(errors).listener(tests)
                .callListener(progress)
                .build();
        progress.start();
        OptimizationResult result;
        try {
            result = gradSum.optimize();
        } finally {
            progress.finish();
        }
        Map<Role, RunDescription.Model> models = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            models.put(r, new RunDescription.Model("simulated", "simulated-" + r.key()));
        }
        RunInfo info = new RunInfo(runId, world.task().name() + " (SIMULATION)", world.task().description(), null,
                models, options, Budget.unlimited(), Map.of("world", "SIMULATION: no real model was called"), started);
        RunOutputs.Written written = RunOutputs.write(root.resolve(runId), info, result, tests.of(result));
        ResultSummary.print(cli.out(), result, written, errors.count());
        cli.out().println("(This was a SIMULATION. Point a task file at a real model with: gradsum optimize TASK.yaml)");
        return ExitCode.OK;
    }
}

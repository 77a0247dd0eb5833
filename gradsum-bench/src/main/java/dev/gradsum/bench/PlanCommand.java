package dev.gradsum.bench;

import dev.gradsum.cli.plan.CallPlan;
import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.data.Split;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradsum-bench plan}: the {@code gradsum plan} estimate (calls and cost range, no model called)
 * of one GRAD-SUM search per task of a suite, with the data read from the data folder, and the total.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Estimate the calls and cost of one GRAD-SUM search per task of a suite (no model is called).")
final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE", description = "Folder of task files (default bench/tasks).")
    Path suite = Path.of("bench/tasks");

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default ../shared/datasets).")
    Path dataDir = Path.of("../shared/datasets");

    @Option(names = "--iterations", description = "Iterations, default ${DEFAULT-VALUE}.")
    int iterations = 5;

    @Override
    public Integer call() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.isDirectory(suite) ? Files.list(suite) : Stream.of(suite)) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        System.out.println("| task | rows train/val/test | calls (low–high) | expected calls | cost USD (low–high) |");
        System.out.println("|---|---|---|---|---|");
        double low = 0;
        double high = 0;
        List<String> skipped = new ArrayList<>();
        for (Path f : files) {
            List<Object> firstTurn = new ArrayList<>();
            TaskFile file = SuiteLoader.withDataUnder(TaskFileReader.read(f, f.toString(), FirstTurn.KEY,
                    firstTurn::add), dataDir);
            if (!firstTurn.isEmpty()) {
                skipped.add(file.name() + " (its first turns are answered by the target when the suite runs; "
                        + "their answers, part of every prompt, are not known before)");
                continue;
            }
            if (!Files.isRegularFile(file.data().path())) {
                skipped.add(file.name() + " (no " + file.data().path() + ")");
                continue;
            }
            TaskSetup setup = TaskSetup.prepare(file);
            CallPlan plan = CallPlan.of(setup, SearchOptions.builder().iterations(iterations).build(), MetaPrompts.defaults());
            double[] cost = plan.cost(SuiteLoader.pricing(file));
            low += cost[0];
            high += cost[1];
            Split.Sizes z = setup.sizes();
            System.out.printf(Locale.ROOT, "| %s | %d/%d/%d | %,d–%,d | %,d | %.2f–%.2f |%n", file.name(), z.train(),
                    z.validation(), z.test(), plan.totalCalls().low(), plan.totalCalls().high(), plan.expectedCalls(),
                    cost[0], cost[1]);
        }
        System.out.printf(Locale.ROOT, "| **total, one GRAD-SUM search each** | | | | **%.2f–%.2f** |%n", low, high);
        skipped.forEach(s -> System.out.println("\nnot estimated: " + s));
        System.out.println("\n" + CallPlan.ASSUMPTIONS);
        return 0;
    }
}

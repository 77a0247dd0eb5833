package dev.gradsum.bench;

import dev.gradsum.model.Budget;
import dev.gradsum.simulation.HardWorld;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradsum-bench suite}: every optimizer on every task of a suite, on the same seeded split and
 * with the same budget, then one table (printed, and written as {@code bench.md} and
 * {@code bench.json} into the output folder). Datasets that are missing are named and skipped. With
 * {@code --world simple,hard} it runs the simulated worlds over {@code --seeds} seeds instead
 * ({@link SeedBench}): one table per world, a row per optimizer, statistics over the seeds.
 */
@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "Run a suite of task files over several optimizers and print one table.")
final class SuiteCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE",
            description = "Folder of task files (default bench/tasks) or one task file.")
    Path suite;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder the task files' data paths are relative to (default ../shared/datasets).")
    Path dataDir = Path.of("../shared/datasets");

    @Option(names = "--simulated", description = "Run the simulated suite instead (no API key; labelled SIMULATION).")
    boolean simulated;

    @Option(names = "--world", split = ",", paramLabel = "WORLD",
            description = "Multi-seed bench on simulated worlds: simple (orders), hard (parcels) or both "
                    + "(simple,hard); one table per world over --seeds seeds, against GRAD-SUM.")
    List<String> world = new ArrayList<>();

    @Option(names = "--seeds", description = "With --world: seeds per world (each a new draw of rows, split and "
            + "search seed), default ${DEFAULT-VALUE}.")
    int seeds = 5;

    @Option(names = "--worlds", description = "Simulated worlds (rows of the simulated table), default ${DEFAULT-VALUE}.")
    int worlds = 3;

    @Option(names = "--only", split = ",", paramLabel = "TASK", description = "Run only these tasks (by name).")
    List<String> only = new ArrayList<>();

    @Option(names = "--optimizers", split = ",", paramLabel = "KEY",
            description = "Columns, default: initial,gradsum,gradsum-no-summary,protegi,gepa; with --world (rows of the "
                    + "multi-seed table) every optimizer, the GRAD-SUM variants beyond the paper too.")
    List<String> optimizers = new ArrayList<>();

    @Option(names = "--judge-error", paramLabel = "RATE", description = "With --world hard: the share of answers the hard "
            + "world's judge gets wrong (each judge sample independently), default ${DEFAULT-VALUE}.")
    double judgeError = HardWorld.DEFAULT_JUDGE_ERROR_RATE;

    @Option(names = "--iterations", description = "GRAD-SUM iterations and ProTeGi rounds, default ${DEFAULT-VALUE}.")
    int iterations = 5;

    @Option(names = "--seed", description = "Seed of every search and interval, default ${DEFAULT-VALUE}.")
    long seed = 7;

    @Option(names = "--budget-usd", description = "Budget of each optimizer's search per task, in USD.")
    Double budgetUsd;

    @Option(names = "--budget-calls", description = "Budget of each optimizer's search per task, in paid calls.")
    Long budgetCalls;

    @Option(names = "--budget-tokens", description = "Budget of each optimizer's search per task, in tokens.")
    Long budgetTokens;

    @Option(names = "--split", split = "/", paramLabel = "TRAIN/VAL/TEST",
            description = "Simulated suite and --world only: split sizes, default 30/30/90.")
    List<Integer> split = new ArrayList<>(List.of(30, 30, 90));

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default gradsum-runs/bench-<time>).")
    Path out;

    @Override
    public Integer call() {
        if (split.size() != 3) {
            throw new IllegalArgumentException("--split: give three sizes, e.g. 30/30/90");
        }
        if (!world.isEmpty()) {
            return seeded();
        }
        if (optimizers.isEmpty()) {
            optimizers = new ArrayList<>(Optimizers.SUITE_DEFAULT);
        }
        SuiteLoader.Suite loaded = simulated
                ? SuiteLoader.simulated(worlds, split.get(0), split.get(1), split.get(2), seed, 8)
                : SuiteLoader.load(suite == null ? Path.of("bench/tasks") : suite, dataDir, only, System.getenv());
        for (Skipped s : loaded.skipped()) {
            System.err.println("skipping " + s.key() + ": " + s.reason());
        }
        if (simulated) {
            System.err.println("SIMULATION: gradsum's simulated world, no language model is called.");
        }
        BenchSettings settings = new BenchSettings(optimizers, iterations, new Budget(budgetUsd, budgetCalls, budgetTokens),
                seed, 2000);
        settings.optimizers().forEach(Optimizers::byKey);
        BenchResult result = new BenchRunner(settings, System.err).run(loaded.name(), loaded.tasks(), loaded.skipped());
        Path folder = folder();
        System.out.print(TableWriter.write(result, folder));
        printWritten(folder);
        return 0;
    }

    /** The multi-seed bench: every optimizer on seeds 1..N of each world, one table per world. */
    private int seeded() {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, was " + seeds);
        }
        world.forEach(w -> {
            if (!SuiteLoader.WORLDS.contains(w)) {
                throw new IllegalArgumentException("--world: unknown world \"" + w + "\"; known: "
                        + String.join(", ", SuiteLoader.WORLDS));
            }
        });
        if (judgeError < 0 || judgeError > 1) {
            throw new IllegalArgumentException("--judge-error must be between 0 and 1, was " + judgeError);
        }
        if (optimizers.isEmpty()) {
            optimizers = new ArrayList<>(Optimizers.KEYS);
        }
        List<Optimizer> columns = optimizers.stream().map(Optimizers::byKey).toList();
        System.err.println("SIMULATION: gradsum's simulated worlds, no language model is called.");
        BenchSettings settings = new BenchSettings(optimizers, iterations, new Budget(budgetUsd, budgetCalls, budgetTokens),
                seed, 2000, true);
        List<SeedBench.Result> results = new ArrayList<>();
        for (String w : world) {
            results.add(new SeedBench(settings, System.err).run(w, seeds, split.get(0), split.get(1), split.get(2), 8,
                    judgeError, columns));
        }
        Path folder = folder();
        System.out.print(TableWriter.writeSeeds(results, folder));
        printWritten(folder);
        return 0;
    }

    /** {@code --out}, else {@code gradsum-runs/bench-<yyyyMMdd-HHmmss>}. */
    private Path folder() {
        return out != null ? out
                : Path.of("gradsum-runs", "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static void printWritten(Path folder) {
        System.out.println("\nwritten: " + folder.resolve(TableWriter.MARKDOWN) + ", " + folder.resolve(TableWriter.JSON));
    }
}

package dev.gradsum.bench;

import dev.gradsum.simulation.HardWorld;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bench over several seeds of one simulated world: for each seed a fresh draw of the world's rows,
 * its own split and search seed, every optimizer on it ({@link BenchRunner}, with the trace on), then
 * one {@link SeedSummary} per optimizer against the paper's GRAD-SUM ({@link Optimizers#GRADSUM}, which
 * must be among the optimizers).
 */
public final class SeedBench {
    /** What the seeds gave: the rows per seed (in seed order) and the summaries per optimizer. */
    public record Result(String world, String label, List<Long> seeds, BenchSettings settings, List<String> columns,
                         List<String> columnLabels, List<Row> rows, List<SeedSummary> summaries) {
        public Result {
            seeds = List.copyOf(seeds);
            columns = List.copyOf(columns);
            columnLabels = List.copyOf(columnLabels);
            rows = List.copyOf(rows);
            summaries = List.copyOf(summaries);
        }
    }

    private final BenchSettings settings;
    private final PrintStream log;

    public SeedBench(BenchSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Runs {@code optimizers} on seeds {@code 1..seeds} of {@code world} ({@link SuiteLoader#WORLDS}),
     * each split {@code train}/{@code validation}/{@code test}.
     */
    public Result run(String world, int seeds, int train, int validation, int test, int concurrency,
                      List<Optimizer> optimizers) {
        return run(world, seeds, train, validation, test, concurrency, HardWorld.DEFAULT_JUDGE_ERROR_RATE, optimizers);
    }

    /** Like {@link #run(String, int, int, int, int, int, List)}, the hard world's judge wrong on {@code hardJudgeError}. */
    public Result run(String world, int seeds, int train, int validation, int test, int concurrency,
                      double hardJudgeError, List<Optimizer> optimizers) {
        List<String> keys = optimizers.stream().map(Optimizer::key).toList();
        int reference = keys.indexOf(Optimizers.GRADSUM);
        if (reference < 0) {
            throw new IllegalArgumentException("the multi-seed bench compares with " + Optimizers.GRADSUM
                    + "; add it to the optimizers");
        }
        List<Row> rows = new ArrayList<>();
        List<Long> used = new ArrayList<>();
        String label = null;
        for (long seed = 1; seed <= seeds; seed++) {
            BenchTask task = SuiteLoader.world(world, seed, train, validation, test, seed, concurrency, hardJudgeError);
            label = task.label().replaceFirst("world seed \\d+, ", "").replaceFirst(" \\(world seed \\d+\\)", "");
            log.printf(Locale.ROOT, "seed %d of %d: %s%n", seed, seeds, task.label());
            BenchSettings seeded = new BenchSettings(keys, settings.iterations(), settings.budget(), seed,
                    settings.bootstrap(), true);
            rows.add(new BenchRunner(seeded, log).run(world, List.of(task), List.of(), optimizers).rows().get(0));
            used.add(seed);
        }
        List<SeedSummary> summaries = new ArrayList<>();
        for (int c = 0; c < optimizers.size(); c++) {
            summaries.add(SeedSummary.of(keys.get(c), optimizers.get(c).label(), rows, c, reference, settings.seed()));
        }
        return new Result(world, label, used, settings, keys, optimizers.stream().map(Optimizer::label).toList(),
                rows, summaries);
    }
}

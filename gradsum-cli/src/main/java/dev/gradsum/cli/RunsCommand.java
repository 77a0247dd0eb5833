package dev.gradsum.cli;

import dev.gradsum.cli.report.RunDetailsText;
import dev.gradsum.cli.report.ScoreText;
import dev.gradsum.cli.report.UsageText;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.store.RunDetails;
import dev.gradsum.store.RunSummary;
import dev.gradsum.store.SqliteStore;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gradsum runs}: the runs in the store, newest first; {@code gradsum runs show ID}: one of them. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List the runs in the store, newest first: id, task, started (UTC), status, best score, cost.",
                "A run whose process died is shown interrupted; to continue it:",
                "  gradsum optimize --resume ID"})
final class RunsCommand implements Callable<Integer> {
    static final DateTimeFormatter TIME = RunDetailsText.TIME;

    private final Cli cli;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    RunsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<RunSummary> runs = storeOptions.read(SqliteStore::listRuns).orElse(List.of());
        PrintStream out = cli.out();
        if (runs.isEmpty()) {
            out.println("No runs in " + storeOptions.path(null) + " yet (gradsum optimize TASK.yaml starts one).");
            return ExitCode.OK;
        }
        int idWidth = Math.max(2, runs.stream().mapToInt(r -> r.id().length()).max().orElse(2));
        int taskWidth = Math.max(4, runs.stream().mapToInt(r -> r.task().length()).max().orElse(4));
        String format = "%-" + idWidth + "s  %-" + taskWidth + "s  %-19s  %-11s  %10s  %12s%n";
        out.printf(Locale.ROOT, format, "ID", "TASK", "STARTED (UTC)", "STATUS", "BEST SCORE", "COST");
        for (RunSummary r : runs) {
            out.printf(Locale.ROOT, format, r.id(), r.task(), TIME.format(r.started()), r.status().key(),
                    ScoreText.of(r.bestScore()),
                    UsageText.cost(r.costUsd(), r.paidCalls(), r.unpricedCalls(), 4));
        }
        return ExitCode.OK;
    }

    /** {@code gradsum runs show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one run of the store: status, usage, iterations, best prompt.")
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "ID", description = "The run id (see gradsum runs).")
        String id;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            RunDetails d = storeOptions.read(store -> store.run(id).orElse(null))
                    .orElseThrow(() -> new ConfigurationException("runs show: no run " + id + " in "
                    + storeOptions.path(null) + " (gradsum runs lists them)"));
            RunDetailsText.lines(d, "gradsum optimize --resume " + id
                    + (storeOptions.store == null ? "" : " --store " + storeOptions.store)).forEach(cli.out()::println);
            return ExitCode.OK;
        }
    }
}

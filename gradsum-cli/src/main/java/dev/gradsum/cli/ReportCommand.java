package dev.gradsum.cli;

import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.store.SqliteStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradsum report ID}: writes a stored run's folder again (best_prompt.txt, result.json,
 * report.html) from the store's tables, through the same reader {@code optimize} writes it with.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the run folder of a finished run again from the store (best_prompt.txt, result.json, report.html).")
final class ReportCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "ID", description = "The run id (see gradsum runs).")
    String id;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder receiving the run folder (default: where the run wrote it).")
    Path out;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    ReportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Path storePath = storeOptions.path(null);
        RecordedRun run;
        SqliteStore existing = storeOptions.openExisting().orElseThrow(() -> new ConfigurationException(
                "report: no run " + id + " in " + storePath + " (gradsum runs lists them)"));
        try (SqliteStore store = existing) {
            if (store.run(id).isEmpty()) {
                throw new ConfigurationException("report: no run " + id + " in " + storePath + " (gradsum runs lists them)");
            }
            run = store.recorded(id).orElseThrow(() -> new ConfigurationException("report: run " + id
                    + " has no result yet; continue it with gradsum optimize --resume " + id));
        }
        String folder = run.description().runFolder();
        Path runDir = out != null ? out.resolve(id) : folder != null ? Path.of(folder) : Path.of(id);
        RunOutputs.Written w = RunOutputs.write(runDir, run);
        cli.out().println("Wrote " + w.bestPrompt() + ", " + w.resultJson().getFileName() + " and "
                + w.reportHtml().getFileName() + ".");
        return ExitCode.OK;
    }
}

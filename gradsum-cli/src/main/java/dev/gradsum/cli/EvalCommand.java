package dev.gradsum.cli;

import dev.gradsum.GradSum;
import dev.gradsum.cli.progress.Progress;
import dev.gradsum.cli.report.ScoreText;
import dev.gradsum.cli.report.UsageText;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.UnusableReplies;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.store.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradsum eval TASK.yaml [--prompt FILE] [--split test | --data FILE]}: scores one prompt on one
 * split (which may be every row: {@code {train: 0, validation: 0, test: N}}) or on every row of another
 * data file, showing the progress line {@code optimize} shows. Calls
 * go through the store's call cache (no run is recorded), so scoring the same prompt again, or a prompt
 * that {@code optimize} already rated on that split, pays for nothing twice.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score one prompt (the task's, or --prompt FILE) on one split of the task's data, or on every row of --data FILE.",
                "Answered calls are kept in the store, so scoring it again pays for nothing twice."})
final class EvalCommand implements Callable<Integer> {
    enum SplitName { train, validation, test }

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TASK.yaml", description = "The task file.")
    String taskFile;

    @Option(names = "--prompt", paramLabel = "FILE", description = "A prompt to score instead of the task's (e.g. a best_prompt.txt).")
    Path promptFile;

    @Option(names = "--split", paramLabel = "NAME", description = "train, validation or test (default: test).")
    SplitName split;

    @Option(names = "--data", paramLabel = "FILE", description = {"Score every row of this data file instead of a split",
            "(read with the task's data.fields; format from the extension)."})
    Path dataFile;

    @Option(names = "--concurrency", paramLabel = "N", description = {"Most model calls in flight.",
            "Default: search.concurrency, else 8."})
    Integer concurrency;

    @Option(names = "--no-cache", description = "Send every call again instead of answering from the store (answers are still kept).")
    boolean noCache;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    EvalCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (dataFile != null && split != null) {
            throw new ConfigurationException("eval: give --split or --data, not both");
        }
        TaskRun run = TaskRun.loadToScore(taskFile, concurrency);
        PromptTemplate prompt = run.setup.prompt();
        String source = "the task's prompt";
        if (promptFile != null) {
            prompt = TaskSetup.prompt(run.file, read(promptFile), "--prompt " + promptFile);
            TaskSetup.checkPlaceholders(run.file, prompt, run.setup.dataset(), "--prompt " + promptFile);
            source = promptFile.toString();
        }
        SplitName part = split == null ? SplitName.test : split;
        List<Example> rows = dataFile != null
                ? TaskSetup.otherData(run.file, dataFile, dataFile.toString(), prompt).examples()
                : switch (part) {
                    case train -> run.setup.split().train();
                    case validation -> run.setup.split().validation();
                    case test -> run.setup.split().test();
                };
        String scored = dataFile != null ? "rows of " + dataFile : "the " + part + " split";
        if (rows.isEmpty()) {
            throw new ConfigurationException(run.file.label() + ": data.split." + part + ": the " + part
                    + " split has no rows; give it some in data.split or pick another with --split");
        }
        run.connect(cli.env(), cli.err()::println);
        try (SqliteStore store = SqliteStore.open(storeOptions.path(run.file))) {
            UnusableReplies unusable = new UnusableReplies();
            boolean judged = run.setup.task().metric() == null;
            Progress progress = Progress.forEval(cli.err(), cli.interactive(), cli.clock(),
                    (long) rows.size() * (judged ? 2 : 1));
            // eval runs no search (so a split without train or validation rows is fine)
            GradSum gradSum = run.builder(cli).options(run.options.toBuilder().iterations(0).build())
                    .cache(noCache ? store.writeOnly() : store)
                    .callListener(progress).callListener(unusable).build();
            GradSum.Evaluated evaluated;
            progress.start();
            try {
                evaluated = gradSum.evaluate(prompt, rows);
            } finally {
                progress.finish();
            }
            print(evaluated, source, scored);
            unusable.tallies().forEach(tally -> cli.out().println(ResultSummary.line(tally)));
            return evaluated.errors() > 0 ? unrated(evaluated) : ExitCode.OK;
        }
    }

    /** Rows that failed for good make the score partial: one line on stderr and exit 1 (docs/cli.md). */
    private int unrated(GradSum.Evaluated e) {
        int failedCalls = e.failedGenerations();
        cli.err().println("eval: " + e.errors() + " of " + e.rows().size() + " rows could not be rated"
                + (failedCalls > 0 ? " (" + failedCalls + " generation call(s) failed after retries)" : "")
                + "; the score covers the " + e.rated() + " rated row(s) only");
        cli.err().flush();
        return ExitCode.RUN_FAILED;
    }

    private void print(GradSum.Evaluated e, String source, String scored) {
        String score = ScoreText.of(e.score());
        cli.out().println("Score " + score + " on " + scored + ": " + e.passed() + " of " + e.rated()
                + " rated rows passed" + (e.errors() > 0 ? " (" + e.rated() + "/" + e.rows().size() + " rows rated)" : "") + (e.errors() > 0 ? "; " + e.errors() + " evaluation error(s) left out" : "")
                + (e.failedGenerations() > 0 ? "; " + e.failedGenerations() + " generation(s) failed" : "") + ".");
        cli.out().println("Prompt: " + source);
        Usage usage = e.total();
        cli.out().println(String.format(Locale.ROOT, "Usage: %s, %d retries, %d tokens%s, %s.",
                UsageText.requests(usage), usage.retries(), usage.totalTokens(), UsageText.estimated(usage),
                UsageText.cost(usage, 4)));
        cli.out().flush();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("--prompt: file not found: " + file);
        } catch (IOException e) {
            throw new ConfigurationException("--prompt: cannot read " + file + ": " + e.getMessage());
        }
    }
}

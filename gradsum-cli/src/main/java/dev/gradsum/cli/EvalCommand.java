package dev.gradsum.cli;

import dev.gradsum.GradSum;
import dev.gradsum.cli.progress.Progress;
import dev.gradsum.cli.report.EvalReport;
import dev.gradsum.cli.report.ScoreText;
import dev.gradsum.cli.report.UsageText;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.engine.BaselineComparison;
import dev.gradsum.engine.RowCalls;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.exception.GradSumException;
import dev.gradsum.internal.Causes;
import dev.gradsum.llm.BudgetExceededException;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.UnusableReplies;
import dev.gradsum.store.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
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

    @Mixin
    ConcurrencyOption concurrency = new ConcurrencyOption();

    @Option(names = "--batch", description = {"Send the target's and the judge's calls as provider batches (about half price;",
            "anthropic, openai, gemini). Batches are kept in the store: a rerun polls them, never submits them twice."})
    boolean batch;

    @Option(names = "--batch-poll-seconds", paramLabel = "S", description = {"How often running batches are polled",
            "(default: the model section's batch_poll_seconds, else 30)."})
    Double batchPollSeconds;

    @Option(names = "--no-cache", description = "Send every call again instead of answering from the store (answers are still kept).")
    boolean noCache;

    @Option(names = "--min-score", paramLabel = "X", description = "Exit 4 when the score is below X (0..1).")
    Double minScore;

    @Option(names = "--baseline", paramLabel = "FILE", description = {"A prompt the new one must not be worse than: both answer the same rows;",
            "the paired difference and its bootstrap interval are printed, exit 4 when worse beyond --margin."})
    Path baselineFile;

    @Option(names = "--margin", paramLabel = "D", description = "How much worse than the baseline is tolerated (default: ${DEFAULT-VALUE}).")
    double margin = 0;

    @Option(names = "--confidence", paramLabel = "C", description = "Confidence of the baseline interval (default: ${DEFAULT-VALUE}).")
    double confidence = BaselineComparison.DEFAULT_CONFIDENCE;

    enum Format { text, json, junit, markdown }

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, junit or markdown (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the --format report to FILE instead of stdout (the text lines still print).")
    Path output;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    RecordingOptions recording = new RecordingOptions();

    EvalCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        recording.check();
        checkGates();
        if (dataFile != null && split != null) {
            throw new ConfigurationException("eval: give --split or --data, not both");
        }
        TaskRun run = TaskRun.loadToScore(taskFile, concurrency.value);
        PromptTemplate prompt = run.setup.prompt();
        String source = "the task's prompt";
        if (promptFile != null) {
            prompt = promptFrom(run, promptFile, "--prompt");
            source = promptFile.toString();
        }
        PromptTemplate baseline = baselineFile == null ? null : promptFrom(run, baselineFile, "--baseline");
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
        if (batch) {
            run.batchEveryRole();
        }
        if (batchPollSeconds != null) {
            if (!(batchPollSeconds > 0)) {
                throw new ConfigurationException("--batch-poll-seconds must be > 0, was " + batchPollSeconds);
            }
            run.batchPollInterval(java.time.Duration.ofMillis(Math.max(1, Math.round(batchPollSeconds * 1000))));
        }
        run.connect(cli.env(), cli.err()::println, recording.replaying());
        try (SqliteStore store = SqliteStore.open(storeOptions.path(run.file))) {
            UnusableReplies unusable = new UnusableReplies();
            CallCache cache = recording.layer().apply(noCache ? store.writeOnly() : store);
            int prompts = baseline == null ? 1 : 2;
            Progress progress = Progress.forEval(cli.err(), cli.interactive(), cli.clock(),
                    (long) rows.size() * RowCalls.of(run.setup.task(), run.options) * prompts);
            // eval runs no search (so a split without train or validation rows is fine)
            GradSum gradSum = run.builder(cli).options(run.options.toBuilder().iterations(0).build())
                    .cache(cache).batchLedger(store).callListener(progress).callListener(unusable).build();
            GradSum.Evaluated evaluated = null;
            GradSum.Evaluated base = null;
            BudgetExceededException budget = null;
            progress.start();
            long started = System.nanoTime();
            try {
                evaluated = gradSum.evaluate(prompt, rows);
                progress.runFinished(); // the baseline's calls are counted from zero by its own run
                base = baseline == null ? null : gradSum.evaluate(baseline, rows);
            } catch (GradSumException e) {
                budget = Causes.find(e, BudgetExceededException.class).orElseThrow(() -> e);
            } finally {
                progress.finish();
                recording.finish();
            }
            if (budget != null) {
                // the budget stops an eval as it stops a search: exit 3, and no partial score
                cli.err().println("eval: stopped on the budget before every row was rated, so no score: " + budget.getMessage());
                cli.err().flush();
                return ExitCode.BUDGET;
            }
            print(evaluated, source, scored);
            unusable.tallies().forEach(tally -> cli.out().println(ResultSummary.line(tally)));
            EvalReport.Comparison comparison = base == null ? null : compare(run, evaluated, base);
            EvalReport report = new EvalReport(dataFile != null ? "data" : part.name(), source, evaluated.score(), evaluated.rows(), comparison,
                    (System.nanoTime() - started) / 1e9);
            if (comparison != null) {
                cli.out().println(report.comparisonLine());
            }
            writeReport(report);
            cli.out().flush();
            if (evaluated.errors() > 0) {
                return unrated(evaluated);
            }
            return gate(evaluated, comparison);
        }
    }

    private void checkGates() {
        if (minScore != null && !(minScore >= 0 && minScore <= 1)) {
            throw new ConfigurationException("--min-score: must be between 0 and 1, was " + minScore);
        }
        if (!BaselineComparison.validConfidence(confidence)) {
            throw new ConfigurationException("--confidence: must be between 0 and 1 (exclusive), was " + confidence);
        }
        if (margin < 0) {
            throw new ConfigurationException("--margin: must be 0 or more, was " + margin);
        }
        if (output != null && format == Format.text) {
            throw new ConfigurationException("--output: give --format json, junit or markdown to say what to write");
        }
    }

    private PromptTemplate promptFrom(TaskRun run, Path file, String flag) {
        return run.promptFromFlag(read(file, flag), flag + " " + file);
    }

    /** The paired difference (new − baseline) over rows both rated: the engine's rule ({@link BaselineComparison}). */
    private EvalReport.Comparison compare(TaskRun run, GradSum.Evaluated now, GradSum.Evaluated base) {
        BaselineComparison c = BaselineComparison.of(now.rows(), base.rows(), run.options.bootstrapSamples(),
                run.options.seed(), confidence, margin);
        return new EvalReport.Comparison(baselineFile.toString(), c.baselineScore(), c.difference(), c.low(), c.high(),
                c.confidence(), c.margin(), c.rows(), c.worse());
    }

    private void writeReport(EvalReport report) {
        String text = switch (format) {
            case text -> null;
            case json -> report.json();
            case junit -> report.junit();
            case markdown -> report.markdown();
        };
        if (text == null) {
            return;
        }
        if (output == null) {
            cli.out().print(text);
            return;
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("--output: cannot write " + output + ": " + e.getMessage());
        }
    }

    /** {@code --min-score} and {@code --baseline}: exit 4 with one line on stderr when a gate fails. */
    private int gate(GradSum.Evaluated e, EvalReport.Comparison comparison) {
        int code = ExitCode.OK;
        if (minScore != null && e.score() != null && e.score() < minScore) {
            cli.err().println("eval: score " + ScoreText.of(e.score()) + " is below --min-score " + minScore);
            code = ExitCode.GATE_FAILED;
        }
        if (comparison != null && comparison.worse()) {
            cli.err().println("eval: the prompt is worse than the baseline " + comparison.prompt()
                    + " beyond the margin " + margin + " at " + confidence + " confidence");
            code = ExitCode.GATE_FAILED;
        }
        cli.err().flush();
        return code;
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
        cli.out().println(UsageText.line(e.total()));
        cli.out().flush();
    }

    private static String read(Path file, String flag) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(flag + ": file not found: " + file);
        } catch (IOException e) {
            throw new ConfigurationException(flag + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}

package dev.gradsum.cli;

import dev.gradsum.GradSum;
import dev.gradsum.cli.report.UsageText;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.metric.Metric;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.JudgeAgreement;
import dev.gradsum.store.SqliteStore;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradsum judge-check TASK.yaml}: before optimizing against the task's LLM judge, rates a seeded
 * sample of rows with it and with a trusted reference (a programmatic metric on the expected answer,
 * {@code --against}, or human verdicts in a field, {@code --human}), and prints their agreement
 * ({@link JudgeAgreement}: confusion table, accuracy, Cohen's kappa). Exit 5 below {@code --min-kappa}.
 * Calls go through the store's call cache like {@code eval}'s, so nothing is paid twice.
 */
@Command(name = "judge-check", mixinStandardHelpOptions = true,
        description = {"Check the task's LLM judge against a metric on the expected answer (--against) or human verdicts (--human) on a sample of rows.",
                "Prints the confusion table, accuracy and Cohen's kappa; exit 5 when kappa is below --min-kappa."})
final class JudgeCheckCommand implements Callable<Integer> {
    enum Against { exact, numeric, choice, contains }

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TASK.yaml", description = "The task file (its evaluation.criteria is the judge checked).")
    String taskFile;

    @Option(names = "--against", paramLabel = "METRIC", description = {"exact, numeric, choice or contains on the expected field",
            "(default: the task's evaluation.metric, if it has one)."})
    Against against;

    @Option(names = "--expected", paramLabel = "FIELD", description = "The expected-answer field for --against (default: evaluation.expected).")
    String expected;

    @Option(names = "--human", paramLabel = "FIELD", description = {"A data field with human verdicts: pass/fail, yes/no, true/false",
            "or a score on the judge's scale (instead of --against)."})
    String human;

    @Option(names = "--answers", paramLabel = "FIELD", description = {"Rate the answers in this data field (e.g. the ones the humans rated)",
            "instead of generating them with the prompt."})
    String answers;

    @Option(names = "--prompt", paramLabel = "FILE", description = "Generate the answers with this prompt instead of the task's.")
    Path promptFile;

    @Option(names = "--sample", paramLabel = "N", description = "Rows to rate, drawn from all the data with --seed (default: ${DEFAULT-VALUE}).")
    int sample = 50;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--min-kappa", paramLabel = "K", description = "Exit 5 when Cohen's kappa is below K (default: ${DEFAULT-VALUE}).")
    double minKappa = JudgeAgreement.DEFAULT_MIN_KAPPA;

    @Mixin
    ConcurrencyOption concurrency = new ConcurrencyOption();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    JudgeCheckCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (sample < 1) {
            throw new ConfigurationException("--sample: must be 1 or more, was " + sample);
        }
        if (!(minKappa >= -1 && minKappa <= 1)) {
            throw new ConfigurationException("--min-kappa: must be between -1 and 1, was " + minKappa);
        }
        if (human != null && against != null) {
            throw new ConfigurationException("judge-check: give --against or --human, not both");
        }
        TaskRun run = TaskRun.loadToScore(taskFile, concurrency.value);
        Task task = run.setup.task();
        Criteria criteria = task.criteria();
        if (criteria == null) {
            throw new ConfigurationException(run.file.label() + ": evaluation.criteria: this task has no LLM judge to check; "
                    + "judge-check compares the judge of evaluation.criteria with a reference");
        }
        Metric reference = human != null ? null : reference(run, task, criteria);
        String referenceName = human != null ? "human verdicts in '" + human + "'" : reference.name();
        PromptTemplate prompt = promptFile == null ? task.prompt() : promptFrom(run);
        List<Example> rows = JudgeAgreement.sample(run.setup.dataset().examples(), sample, seed);
        for (String field : new String[] {human, answers}) {
            if (field != null && rows.stream().allMatch(r -> r.get(field) == null)) {
                throw new ConfigurationException("--" + (field.equals(human) ? "human" : "answers") + ": no row has a field '"
                        + field + "'");
            }
        }
        run.connect(cli.env(), cli.err()::println);
        Task judgeOnly = Task.builder().name(task.name()).description(task.description()).prompt(task.prompt())
                .criteria(criteria).build();
        try (SqliteStore store = SqliteStore.open(storeOptions.path(run.file))) {
            GradSum gradSum = run.builder(cli).task(judgeOnly).options(run.options.toBuilder().iterations(0).build())
                    .cache(store).build();
            GradSum.Evaluated judged = answers != null ? gradSum.evaluateAnswers(prompt, rows, answers)
                    : gradSum.evaluate(prompt, rows);
            List<Boolean> judge = new ArrayList<>();
            List<Boolean> truth = new ArrayList<>();
            for (Evaluation e : judged.rows()) {
                judge.add(JudgeAgreement.verdict(e));
                truth.add(human != null ? JudgeAgreement.humanVerdict(e.generation().example(), human, criteria)
                        : JudgeAgreement.verdict(reference, e));
            }
            JudgeAgreement agreement = JudgeAgreement.of(judge, truth);
            print(agreement, rows.size(), referenceName, judged.total());
            if (!agreement.atLeast(minKappa)) {
                cli.err().println("judge-check: " + (Double.isNaN(agreement.kappa())
                        ? "Cohen's kappa is undefined (the judge and the reference each gave one verdict only)"
                        : String.format(Locale.ROOT, "Cohen's kappa %.3f is below --min-kappa %s", agreement.kappa(), minKappa))
                        + ": the judge does not agree enough with " + referenceName
                        + "; fix evaluation.criteria (or the judge model) before optimizing against it");
                cli.err().flush();
                return ExitCode.JUDGE_DISAGREES;
            }
            return ExitCode.OK;
        }
    }

    private PromptTemplate promptFrom(TaskRun run) {
        String text;
        try {
            text = Files.readString(promptFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("--prompt: cannot read " + promptFile + ": " + e.getMessage());
        }
        return run.promptFromFlag(text, "--prompt " + promptFile);
    }

    /** The metric named by --against on the expected field, else the task's own metric. */
    private Metric reference(TaskRun run, Task task, Criteria criteria) {
        if (against == null) {
            if (task.metric() != null) {
                return task.metric();
            }
            throw new ConfigurationException(run.file.label() + ": judge-check needs a reference: give --against "
                    + "exact|numeric|choice|contains (on the expected field) or --human FIELD");
        }
        String field = expected != null ? expected : criteria.expectedField();
        if (field == null) {
            throw new ConfigurationException("--against: no expected-answer field; set evaluation.expected or give --expected FIELD");
        }
        return switch (against) {
            case exact -> Metric.exact(field);
            case numeric -> Metric.numeric(field);
            case choice -> Metric.choice(field);
            case contains -> Metric.contains(field);
        };
    }

    private void print(JudgeAgreement a, int sampled, String reference, Usage usage) {
        var out = cli.out();
        out.println("Judge check on " + sampled + " sampled rows (seed " + seed + "): the judge of evaluation.criteria against "
                + reference + ".");
        out.println();
        out.printf(Locale.ROOT, "%-12s %14s %14s%n", "", "reference pass", "reference fail");
        out.printf(Locale.ROOT, "%-12s %14d %14d%n", "judge pass", a.bothPass(), a.judgeOnlyPass());
        out.printf(Locale.ROOT, "%-12s %14d %14d%n", "judge fail", a.referenceOnlyPass(), a.bothFail());
        out.println();
        out.println(String.format(Locale.ROOT, "Accuracy %s, Cohen's kappa %s on %d rated rows%s.", number(a.accuracy()),
                number(a.kappa()), a.rated(), a.unrated() > 0 ? " (" + a.unrated() + " left out: not rated by both)" : ""));
        out.println(UsageText.line(usage));
        out.flush();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.3f", v);
    }
}

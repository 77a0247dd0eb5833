package dev.gradsum.bench;

import dev.gradsum.bench.peers.PeerContext;
import dev.gradsum.bench.peers.SearchTrace;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Budget;
import dev.gradsum.modules.Evaluation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every optimizer on every task of a suite, on the task's one seeded split, then rates each
 * returned prompt on the test rows, which no search saw. The rating uses a call path of its own
 * (no budget; identical prompts are rated once), so the columns' usage is their search alone; in a
 * simulated world the test score is the ground truth instead (no call).
 */
public final class BenchRunner {
    private final BenchSettings settings;
    private final PrintStream log;

    public BenchRunner(BenchSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** The optimizers of the settings' keys on every task. */
    public BenchResult run(String suite, List<BenchTask> tasks, List<Skipped> skipped) {
        return run(suite, tasks, skipped, settings.optimizers().stream().map(Optimizers::byKey).toList());
    }

    /** The given optimizers (columns, in order) on every task. */
    public BenchResult run(String suite, List<BenchTask> tasks, List<Skipped> skipped, List<Optimizer> optimizers) {
        List<Row> rows = new ArrayList<>();
        for (BenchTask task : tasks) {
            rows.add(run(task, optimizers));
        }
        boolean simulated = !tasks.isEmpty() && tasks.stream().allMatch(BenchTask::simulated);
        return new BenchResult(suite, simulated, settings,
                optimizers.stream().map(Optimizer::key).toList(),
                optimizers.stream().map(Optimizer::label).toList(), rows, skipped);
    }

    private Row run(BenchTask task, List<Optimizer> optimizers) {
        List<Optimizer.Outcome> outcomes = new ArrayList<>();
        for (Optimizer o : optimizers) {
            log.printf(Locale.ROOT, "%s: %s ...%n", task.label(), o.label());
            Optimizer.Outcome outcome = o.optimize(task, settings);
            log.printf(Locale.ROOT, "%s: %s done in %.1f s, %d calls, stop: %s%n", task.label(), o.label(),
                    outcome.elapsedMs() / 1000.0, outcome.usage().calls(), outcome.stopReason());
            outcomes.add(outcome);
        }
        log.printf(Locale.ROOT, "%s: rating %d prompt(s) on %d test rows ...%n", task.label(), optimizers.size(),
                task.split().test().size());
        try (PeerContext rater = PeerContext.open(task.task(), task.models(), task.pricing(), Budget.unlimited(),
                task.concurrency(), task.timeout(), settings.seed())) {
            Map<String, MeanInterval> byPrompt = new HashMap<>();
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < optimizers.size(); i++) {
                Optimizer.Outcome outcome = outcomes.get(i);
                PromptTemplate best = outcome.best();
                MeanInterval score = byPrompt.computeIfAbsent(best.text(), t -> rate(rater, best, task));
                List<Cell.Point> progress = new ArrayList<>();
                if (settings.trace()) {
                    progress.add(new Cell.Point(0, byPrompt.computeIfAbsent(task.task().prompt().text(),
                            t -> rate(rater, task.task().prompt(), task)).mean()));
                    for (SearchTrace.Step step : outcome.trace().steps()) {
                        progress.add(new Cell.Point(step.calls(), byPrompt.computeIfAbsent(step.best().text(),
                                t -> rate(rater, step.best(), task)).mean()));
                    }
                }
                List<SearchTrace.Acceptance> accepted = outcome.trace().acceptances();
                cells.add(new Cell(optimizers.get(i).key(), score, outcome.usage(), outcome.elapsedMs(),
                        outcome.stopReason(), best.text(), progress, accepted.size(), trulyWorse(task, accepted)));
            }
            return new Row(task.key(), task.label(), task.data(), task.simulated(), task.split().train().size(),
                    task.split().validation().size(), task.split().test().size(), cells, rater.usage());
        }
    }

    /**
     * How many of the accepted children are truly worse than their parent on the validation rows (share
     * of rows the ground truth says each answers right); -1 when the task has no ground truth.
     */
    static int trulyWorse(BenchTask task, List<SearchTrace.Acceptance> accepted) {
        if (task.truth() == null) {
            return -1;
        }
        int worse = 0;
        for (SearchTrace.Acceptance a : accepted) {
            if (truthScore(task, a.child()) < truthScore(task, a.parent())) {
                worse++;
            }
        }
        return worse;
    }

    private static double truthScore(BenchTask task, PromptTemplate prompt) {
        List<Example> rows = task.split().validation();
        return rows.stream().filter(row -> task.truth().correct(prompt, row)).count() / (double) rows.size();
    }

    /**
     * The prompt's test score: by the ground truth when the task has one (a simulated world: whether each
     * answer is truly right, no call, so a noisy judge does not blur the table), else rated by the task's
     * metric or judge on the rater's call path.
     */
    private MeanInterval rate(PeerContext rater, PromptTemplate prompt, BenchTask task) {
        if (task.truth() != null) {
            double[] truth = task.split().test().stream().mapToDouble(row -> task.truth().correct(prompt, row) ? 1 : 0)
                    .toArray();
            return MeanInterval.of(truth, 0, settings.bootstrap(), settings.seed());
        }
        List<Evaluation> evaluations = rater.rate(prompt, task.split().test());
        return MeanInterval.of(evaluations, settings.bootstrap(), settings.seed());
    }
}

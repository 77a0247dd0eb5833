package dev.gradsum.junit;

import dev.gradsum.GradSum;
import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.engine.BaselineComparison;
import dev.gradsum.exception.GradSumException;
import dev.gradsum.internal.Causes;
import dev.gradsum.llm.RecordingMissException;
import dev.gradsum.metric.Metric;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fluent assertions on one prompt, started by {@link PromptEvaluator#assertThatPrompt}:
 * <pre>{@code
 * gradsum.assertThatPrompt(Path.of("prompts/capital.txt"))
 *         .on(Dataset.load(Path.of("src/test/resources/capitals.jsonl")))
 *         .judgedBy(Criteria.binary("The answer names <EXPECTED ANSWER>.").expecting("capital"))
 *         .answeredBy(model)
 *         .scoresAtLeast(0.8)
 *         .isNotWorseThan(Path.of("prompts/capital-v1.txt"));
 * }</pre>
 * The rows, the evaluation ({@link #judgedBy} or {@link #measuredBy}) and the models ({@link #answeredBy})
 * are required. The prompt is answered and rated once, at the first check, and the result is reused by
 * the checks after it. A check that fails throws an {@link AssertionError} listing the failing rows with
 * the judge's reasoning and the answer; a recording without an answer for a request throws an
 * {@link IllegalStateException} naming the role and the prompt. Not thread-safe.
 */
public final class PromptAssert {
    /** At most this many failing rows are listed in a failure message. */
    static final int LISTED_ROWS = 20;

    private final PromptEvaluator evaluator;
    private final PromptTemplate prompt;
    private final String label;
    private List<Example> rows;
    private String rowsLabel;
    private Criteria criteria;
    private Metric metric;
    private ModelRoles models;
    private String description = "Answer the prompt for each row.";
    private long seed = SearchOptions.defaults().seed();
    private GradSum.Evaluated evaluated;

    PromptAssert(PromptEvaluator evaluator, PromptTemplate prompt, String label) {
        this.evaluator = evaluator;
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.label = label;
    }

    /** The rows to answer: every row of {@code dataset}. */
    public PromptAssert on(Dataset dataset) {
        return rows(dataset.examples(), dataset.name() + " (" + dataset.size() + " rows)");
    }

    /** The rows to answer. */
    public PromptAssert on(List<Example> rows) {
        return rows(rows, rows.size() + " rows");
    }

    private PromptAssert rows(List<Example> given, String text) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("assertThatPrompt(" + label + ").on(...): no rows to answer");
        }
        rows = List.copyOf(given);
        rowsLabel = text;
        return changed();
    }

    /** An LLM judge rates each answer by {@code criteria} (the judge model: {@link #answeredBy}). */
    public PromptAssert judgedBy(Criteria criteria) {
        this.criteria = Objects.requireNonNull(criteria, "criteria");
        this.metric = null;
        return changed();
    }

    /** A programmatic metric rates each answer (no judge calls). */
    public PromptAssert measuredBy(Metric metric) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.criteria = null;
        return changed();
    }

    /** One model answers the prompt and, with {@link #judgedBy}, judges the answers. */
    public PromptAssert answeredBy(ChatModel model) {
        return answeredBy(ModelRoles.of(Objects.requireNonNull(model, "model")));
    }

    /** The models per role: the target answers, the judge (else the target) rates. */
    public PromptAssert answeredBy(ModelRoles models) {
        this.models = Objects.requireNonNull(models, "models");
        return changed();
    }

    /** What the task is, in one sentence the judge reads (default: {@code "Answer the prompt for each row."}). */
    public PromptAssert describedAs(String taskDescription) {
        this.description = Objects.requireNonNull(taskDescription, "taskDescription");
        return changed();
    }

    /** The seed of the baseline comparison's bootstrap (default: the search's, 0). */
    public PromptAssert withSeed(long seed) {
        this.seed = seed;
        return changed();
    }

    private PromptAssert changed() {
        evaluated = null;
        return this;
    }

    /**
     * Passes when every row could be rated and the mean score is at least {@code minimum} (0..1); else the
     * message names the score and lists the rows that failed, or could not be rated, with the reason.
     */
    public PromptAssert scoresAtLeast(double minimum) {
        if (!(minimum >= 0 && minimum <= 1)) {
            throw new IllegalArgumentException("scoresAtLeast: the minimum must be between 0 and 1, was " + minimum);
        }
        GradSum.Evaluated e = evaluated();
        requireRated(e, label);
        if (e.score() < minimum) {
            StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
                    "prompt %s scored %.3f on %s, below the minimum %s: %d of %d rows passed (answers from %s)",
                    label, e.score(), rowsLabel, number(minimum), e.passed(), e.rows().size(), evaluator.source()));
            List<Evaluation> failed = e.rows().stream().filter(r -> !r.score().passed()).toList();
            appendRows(m, "failing rows", failed);
            throw new AssertionError(m.toString());
        }
        return this;
    }

    /** {@link #isNotWorseThan(PromptTemplate, double, double)} with margin 0 at 95% confidence. */
    public PromptAssert isNotWorseThan(Path baselineFile) {
        return isNotWorseThan(PromptEvaluator.read(baselineFile), baselineFile.toString(), 0, BaselineComparison.DEFAULT_CONFIDENCE);
    }

    /** {@link #isNotWorseThan(PromptTemplate, double, double)} with margin 0 at 95% confidence. */
    public PromptAssert isNotWorseThan(String baselineTemplate) {
        return isNotWorseThan(PromptTemplate.of(baselineTemplate), 0, BaselineComparison.DEFAULT_CONFIDENCE);
    }

    /**
     * Passes unless this prompt is worse than {@code baseline} beyond {@code margin}: both answer the same
     * rows, and the paired difference (this − baseline, over the rows both rated) has a bootstrap interval
     * at {@code confidence} whose high end is below {@code -margin}; the rule of {@code gradsum eval
     * --baseline}. The message gives the difference with its interval and lists the rows this prompt
     * failed and the baseline passed.
     */
    public PromptAssert isNotWorseThan(PromptTemplate baseline, double margin, double confidence) {
        return isNotWorseThan(baseline, quoted(baseline.text()), margin, confidence);
    }

    private PromptAssert isNotWorseThan(PromptTemplate baseline, String baselineLabel, double margin, double confidence) {
        if (!BaselineComparison.validConfidence(confidence) || margin < 0) {
            throw new IllegalArgumentException("isNotWorseThan: the confidence must be between 0 and 1 (exclusive) and the"
                    + " margin 0 or more, were " + confidence + " and " + margin);
        }
        GradSum.Evaluated now = evaluated();
        GradSum.Evaluated base = evaluate(baseline);
        BaselineComparison c = BaselineComparison.of(now.rows(), base.rows(),
                SearchOptions.defaults().bootstrapSamples(), seed, confidence, margin);
        if (c.worse()) {
            StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
                    "prompt %s is worse than the baseline %s beyond the margin %s: %+.3f [%+.3f, %+.3f] at %s%% over %d rows"
                            + " (%.3f against %.3f; answers from %s)",
                    label, baselineLabel, number(margin), c.difference(), c.low(), c.high(), number(confidence * 100),
                    c.rows(), c.baselineScore() + c.difference(), c.baselineScore(), evaluator.source()));
            List<Evaluation> lost = new ArrayList<>();
            for (int i = 0; i < now.rows().size(); i++) {
                Evaluation a = now.rows().get(i);
                Evaluation b = base.rows().get(i);
                if (!a.score().error() && !b.score().error() && a.score().value() < b.score().value()) {
                    lost.add(a);
                }
            }
            appendRows(m, "rows this prompt failed and the baseline passed", lost);
            throw new AssertionError(m.toString());
        }
        return this;
    }

    /** The mean score over the rated rows, or {@code null} when none could be rated. */
    public Double score() {
        return evaluated().score();
    }

    private GradSum.Evaluated evaluated() {
        if (evaluated == null) {
            evaluated = evaluate(prompt);
        }
        return evaluated;
    }

    private GradSum.Evaluated evaluate(PromptTemplate which) {
        List<String> missing = new ArrayList<>();
        if (rows == null) missing.add("on(rows)");
        if (criteria == null && metric == null) missing.add("judgedBy(criteria) or measuredBy(metric)");
        if (models == null) missing.add("answeredBy(model)");
        if (!missing.isEmpty()) {
            throw new IllegalStateException("assertThatPrompt(" + label + "): missing " + String.join(", ", missing));
        }
        Task task = Task.builder().name("gradsum-junit").description(description).prompt(which)
                .criteria(criteria).metric(metric).build();
        try {
            return evaluator.evaluate(task, models, which, rows, seed);
        } catch (GradSumException e) {
            RecordingMissException miss = Causes.find(e, RecordingMissException.class).orElse(null);
            if (miss != null) {
                String text = miss.getMessage().replace("record it again with --record",
                        "record it again by running the tests with -D" + PromptEvaluator.MODE_PROPERTY + "=record");
                throw new IllegalStateException(text, e);
            }
            throw e;
        }
    }

    private static void requireRated(GradSum.Evaluated e, String label) {
        if (e.errors() > 0) {
            StringBuilder m = new StringBuilder("prompt " + label + ": " + e.errors() + " of " + e.rows().size()
                    + " rows could not be rated, so its score is partial");
            appendRows(m, "rows not rated", e.rows().stream().filter(r -> r.score().error()).toList());
            throw new AssertionError(m.toString());
        }
    }

    private static void appendRows(StringBuilder m, String what, List<Evaluation> listed) {
        if (listed.isEmpty()) {
            return;
        }
        m.append("\n").append(what).append(" (").append(listed.size()).append("):");
        for (Evaluation r : listed.subList(0, Math.min(LISTED_ROWS, listed.size()))) {
            m.append("\n  row ").append(r.generation().example().id()).append(": ");
            if (r.score().error()) {
                m.append("not rated");
            } else {
                m.append(String.format(Locale.ROOT, "score %.3f", r.score().value()));
            }
            String reason = r.generation().failed() ? "the answer call failed: " + r.generation().error() : r.score().reason();
            m.append(" - ").append(oneLine(reason, 300));
            m.append("\n      answer: ").append(oneLine(r.generation().output(), 300));
        }
        if (listed.size() > LISTED_ROWS) {
            m.append("\n  ... and ").append(listed.size() - LISTED_ROWS).append(" more");
        }
    }

    /** {@code "First line of the prompt…"}: how a prompt given as text is named in messages. */
    static String quoted(String text) {
        String first = text.strip().lines().findFirst().orElse("");
        boolean more = !first.equals(text.strip());
        return "\"" + (first.length() > 80 ? first.substring(0, 77) + "..." : first) + (more ? " ..." : "") + "\"";
    }

    private static String oneLine(String text, int most) {
        String s = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
        return s.length() > most ? s.substring(0, most - 3) + "..." : s;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

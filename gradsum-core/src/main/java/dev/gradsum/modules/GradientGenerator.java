package dev.gradsum.modules;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmException;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.metric.Score;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Task;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Paper step 3, gradient generation: for every failed answer (not passed, not an evaluation error),
 * asks how the prompt should change (meta-prompt {@code gradient_generator.md}).
 *
 * <p>Contract: one call per failure, run concurrently; the model sees the task description, the
 * criteria (or the metric's name), the prompt template, the filled input, the output, the expected
 * answer when the task has one, and the evaluation's reasoning. Gradients come back in the order of
 * the evaluations. A call that fails for good is skipped (that failure gets no gradient); a budget
 * stop and an interrupt propagate.
 */
public final class GradientGenerator {
    private final Llm gradient;
    private final MetaPrompts prompts;
    private final Executor executor;

    public GradientGenerator(Llm gradient, MetaPrompts prompts, Executor executor) {
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public List<Gradient> generate(Task task, PromptTemplate prompt, List<Evaluation> evaluations) {
        List<Evaluation> failures = evaluations.stream().filter(GradientGenerator::isFailure).toList();
        return Interrupts.failFast(failures, e -> generate(task, prompt, e), executor).stream()
                .flatMap(Optional::stream)
                .toList();
    }

    /** Only real failures get a gradient: an answer that could not be rated says nothing about the prompt. */
    static boolean isFailure(Evaluation evaluation) {
        Score score = evaluation.score();
        return !score.passed() && !score.error() && !evaluation.generation().failed();
    }

    /**
     * The gradient of one rated row, so it can be asked as soon as the row's verdict arrives: empty, with
     * no call, when the row is not a failure or when the call fails for good (see the class contract).
     */
    public Optional<Gradient> generate(Task task, PromptTemplate prompt, Evaluation evaluation) {
        if (!isFailure(evaluation)) {
            return Optional.empty();
        }
        String request = prompts.get(MetaPrompts.GRADIENT_GENERATOR).render(values(task, prompt, evaluation));
        try {
            String text = gradient.chat(LlmRequest.user(request)).text().strip();
            return text.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Gradient(evaluation.generation().example().id(), text));
        } catch (LlmException e) {
            Interrupts.rethrowIfInterrupted(e);
            return Optional.empty();
        }
    }

    private static Map<String, String> values(Task task, PromptTemplate prompt, Evaluation evaluation) {
        Generation generation = evaluation.generation();
        return Map.of(
                "task", task.description(),
                "criteria", criteria(task),
                "prompt", prompt.text(),
                "input", generation.input(),
                "output", generation.output(),
                "expected", TaggedSections.optional("expected", expected(task, generation.example())),
                "evaluation", evaluation(evaluation.score()));
    }

    private static String criteria(Task task) {
        if (task.criteria() != null) {
            return task.criteria().text();
        }
        return "Answers are scored by the metric " + task.metric().name() + ".";
    }

    /** The expected answer of the row: from the judge criteria's field, else the metric's, else none. */
    public static String expected(Task task, Example example) {
        String field = task.criteria() != null && task.criteria().expectedField() != null
                ? task.criteria().expectedField()
                : task.metric() != null ? task.metric().expectedField() : null;
        return field == null ? null : example.get(field);
    }

    private static String evaluation(Score score) {
        String rating = String.format(Locale.ROOT, "Rated as a failure (score %.2f on a 0-1 scale).", score.value());
        return score.reason().isBlank() ? rating : rating + "\n" + score.reason().strip();
    }
}

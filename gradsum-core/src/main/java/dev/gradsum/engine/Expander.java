package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.internal.Fanout;
import dev.gradsum.llm.LlmException;
import dev.gradsum.modules.Edit;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The first five stages of one iteration for every beam prompt at once (paper steps 1–5): generate on
 * a training minibatch and evaluate (one stage, {@link Stage#GENERATE}: each row's answer is rated as
 * soon as it arrives, so its planned calls include the judge's), write gradients for the failures,
 * summarize them (skipped with summarize=false) and edit the prompt into K candidates. Each stage runs
 * the beam prompts concurrently and ends when all are done, so listeners hear one {@code stageStarted} per stage,
 * from the search thread. A beam prompt with no failure gets no gradient, summary or edit call.
 */
final class Expander {
    private final Task task;
    private final SearchModules modules;
    private final SearchOptions options;
    private final ExecutorService executor;
    private final SearchEvents events;

    Expander(Task task, SearchModules modules, SearchOptions options, ExecutorService executor, SearchEvents events) {
        this.task = task;
        this.modules = modules;
        this.options = options;
        this.executor = executor;
        this.events = events;
    }

    List<Expansion> expand(int iteration, List<Candidate> beam, List<Example> train) throws InterruptedException {
        int n = beam.size();
        List<Integer> all = IntStream.range(0, n).boxed().toList();
        String[] notes = new String[n];

        List<List<Example>> batches = beam.stream()
                .map(c -> Minibatch.draw(train, options.minibatchSize(), options.seed(), iteration, c.id()))
                .toList();
        int rows = batches.stream().mapToInt(List::size).sum();

        events.stageStarted(iteration, Stage.GENERATE, rows * RowCalls.of(task, options)); // i13-engine: judge samples
        List<List<Evaluation>> evaluations = Fanout.waitForAll(executor, all,
                k -> modules.rate(beam.get(k).prompt(), batches.get(k)));
        for (int k = 0; k < n; k++) {
            events.evaluated(iteration, beam.get(k), "train", evaluations.get(k));
        }

        int failures = evaluations.stream().mapToInt(Scores::failures).sum();
        events.stageStarted(iteration, Stage.GRADIENTS, failures);
        List<List<Gradient>> gradients = Fanout.waitForAll(executor, all, k -> Scores.failures(evaluations.get(k)) == 0
                ? List.of()
                : absorbed(notes, k, "gradient generation", List.of(),
                        () -> modules.gradientGenerator().generate(task, beam.get(k).prompt(), evaluations.get(k))));
        for (int k = 0; k < n; k++) {
            events.gradientsGenerated(iteration, beam.get(k), gradients.get(k));
        }
        List<Integer> withGradients = all.stream().filter(k -> !gradients.get(k).isEmpty()).toList();

        String[] summaries = new String[n];
        if (options.summarize()) {
            events.stageStarted(iteration, Stage.SUMMARIZE, withGradients.size());
            List<String> written = Fanout.waitForAll(executor, withGradients, k -> absorbed(notes, k, "summarization",
                    null, () -> modules.summarizer().summarize(task, beam.get(k).prompt(), gradients.get(k))));
            for (int j = 0; j < withGradients.size(); j++) {
                int k = withGradients.get(j);
                summaries[k] = written.get(j);
                if (summaries[k] != null) {
                    events.summarized(iteration, beam.get(k), summaries[k]);
                }
            }
        }

        List<Integer> toEdit = withGradients.stream().filter(k -> !options.summarize() || summaries[k] != null).toList();
        events.stageStarted(iteration, Stage.EDIT, toEdit.size());
        List<Edit> written = Fanout.waitForAll(executor, toEdit, k -> absorbed(notes, k, "editing", null, () -> edit(
                beam.get(k), gradients.get(k), summaries[k])));
        Edit[] edits = new Edit[n];
        for (int j = 0; j < toEdit.size(); j++) {
            edits[toEdit.get(j)] = written.get(j);
        }

        List<Expansion> expansions = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            expansions.add(new Expansion(beam.get(k), evaluations.get(k), gradients.get(k), summaries[k], edits[k], notes[k]));
        }
        return expansions;
    }

    private Edit edit(Candidate parent, List<Gradient> gradients, String summary) {
        int k = options.candidatesPerPrompt();
        return options.summarize()
                ? modules.editor().edit(task, parent.prompt(), summary, k)
                : modules.editor().editFromGradients(task, parent.prompt(), gradients, k);
    }

    /**
     * A model call that failed for good (retries exhausted) costs this beam prompt its children, not
     * the run: the failure is noted and {@code fallback} returned. Budget and interruption still stop.
     */
    private static <R> R absorbed(String[] notes, int k, String what, R fallback, Supplier<R> call) {
        try {
            return call.get();
        } catch (LlmException e) {
            notes[k] = what + " failed: " + e.getMessage();
            return fallback;
        }
    }
}

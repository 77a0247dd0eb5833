package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.LlmException;
import dev.gradsum.modules.Edit;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The first five stages of one iteration for every beam prompt at once (paper steps 1–5): generate on
 * a training minibatch and evaluate (one stage, {@link Stage#GENERATE}: each row's answer is rated as
 * soon as it arrives, so its planned calls include the judge's), write gradients for the failures,
 * summarize them (skipped with summarize=false) and edit the prompt into K candidates.
 *
 * <p>Rows flow through the stages ({@link Flow}): a failure's gradient is asked as soon as its verdict
 * arrives, a beam prompt's summary as soon as all its gradients are in, its edit right after, and every
 * candidate the editor writes is handed on at once to be validated. What listeners hear does not depend
 * on that timing: one {@code stageStarted} per stage, from the search thread, once the previous stage's
 * results are all in (the stage's own calls may be under way by then), and each stage's results in beam
 * order. A beam prompt with no failure gets no gradient, summary or edit call.
 */
final class Expander {
    private final Task task;
    private final SearchModules modules;
    private final SearchOptions options;
    private final SearchEvents events;

    Expander(Task task, SearchModules modules, SearchOptions options, SearchEvents events) {
        this.task = task;
        this.modules = modules;
        this.options = options;
        this.events = events;
    }

    /**
     * @param toValidate told of each candidate as soon as the editor wrote it, from the flow's threads (a
     *                   candidate may repeat a prompt it was told of before)
     * @param minibatchStarted run once every minibatch row of the beam is started, before anything is
     *                   awaited: work that depends on nothing of the iteration starts there, behind the rows
     *                   of the critical path (the beam prompts' own validation)
     */
    List<Expansion> expand(Flow flow, int iteration, List<Candidate> beam, List<Example> train,
                           Consumer<Written> toValidate, Runnable minibatchStarted) throws InterruptedException {
        int n = beam.size();
        List<List<Example>> batches = beam.stream()
                .map(c -> Minibatch.draw(train, options.minibatchSize(), options.seed(), iteration, c.id()))
                .toList();
        int rows = batches.stream().mapToInt(List::size).sum();

        events.stageStarted(iteration, Stage.GENERATE, rows * RowCalls.of(task, options));
        List<Branch> branches = IntStream.range(0, n)
                .mapToObj(k -> branch(flow, beam.get(k), batches.get(k), toValidate))
                .toList();
        minibatchStarted.run();
        List<List<Evaluation>> evaluations = new ArrayList<>(n);
        for (Branch b : branches) {
            evaluations.add(flow.await(b.verdicts()));
        }
        for (int k = 0; k < n; k++) {
            events.evaluated(iteration, beam.get(k), "train", evaluations.get(k));
        }

        int failures = evaluations.stream().mapToInt(Scores::failures).sum();
        events.stageStarted(iteration, Stage.GRADIENTS, failures);
        List<List<Gradient>> gradients = flow.await(branches.stream().map(Branch::gradients).toList());
        for (int k = 0; k < n; k++) {
            events.gradientsGenerated(iteration, beam.get(k), gradients.get(k));
        }
        long withGradients = gradients.stream().filter(g -> !g.isEmpty()).count();

        if (options.summarize()) {
            events.stageStarted(iteration, Stage.SUMMARIZE, (int) withGradients);
        }
        List<String> summaries = flow.await(branches.stream().map(Branch::summary).toList());
        for (int k = 0; k < n; k++) {
            if (summaries.get(k) != null) {
                events.summarized(iteration, beam.get(k), summaries.get(k));
            }
        }

        long toEdit = IntStream.range(0, n)
                .filter(k -> !gradients.get(k).isEmpty() && (!options.summarize() || summaries.get(k) != null))
                .count();
        events.stageStarted(iteration, Stage.EDIT, (int) toEdit);
        List<Edit> edits = flow.await(branches.stream().map(Branch::edit).toList());

        List<Expansion> expansions = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            expansions.add(new Expansion(beam.get(k), evaluations.get(k), gradients.get(k), summaries.get(k),
                    edits.get(k), branches.get(k).note().get()));
        }
        return expansions;
    }

    /**
     * One beam prompt's chain of steps: each minibatch row is answered and rated, then (a failure) gets
     * its gradient; once all its gradients are in they are summarized and the prompt edited, and the
     * candidates go to {@code toValidate}. The summary and the edit are {@code null} when not made.
     */
    private Branch branch(Flow flow, Candidate parent, List<Example> rows, Consumer<Written> toValidate) {
        PromptTemplate prompt = parent.prompt();
        AtomicReference<String> note = new AtomicReference<>();
        List<CompletableFuture<Evaluation>> verdicts = new ArrayList<>(rows.size());
        List<CompletableFuture<Optional<Gradient>>> rowGradients = new ArrayList<>(rows.size());
        for (Example row : rows) {
            CompletableFuture<Evaluation> verdict = flow.start(() -> modules.rateTraining(prompt, row));
            verdicts.add(verdict);
            rowGradients.add(flow.then(verdict, e -> absorbed(note, "gradient generation", Optional.empty(),
                    () -> modules.gradientGenerator().generate(task, prompt, e))));
        }
        CompletableFuture<List<Gradient>> gradients = CompletableFuture
                .allOf(rowGradients.toArray(CompletableFuture[]::new))
                .thenApply(done -> rowGradients.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
        CompletableFuture<String> summary = !options.summarize()
                ? gradients.thenApply(g -> (String) null)
                : flow.then(gradients, g -> g.isEmpty() ? null : absorbed(note, "summarization", null,
                        () -> modules.summarizer().summarize(task, prompt, g)));
        CompletableFuture<Edit> edit = flow.then(summary, s -> {
            List<Gradient> g = gradients.join();
            if (g.isEmpty() || options.summarize() && s == null) {
                return null;
            }
            Edit written = absorbed(note, "editing", null, () -> edit(parent, g, s));
            if (written != null) {
                List<Evaluation> minibatch = verdicts.stream().map(CompletableFuture::join).toList();
                written.candidates().forEach(c -> toValidate.accept(new Written(parent, minibatch, c)));
            }
            return written;
        });
        return new Branch(verdicts, gradients, summary, edit, note);
    }

    /**
     * A candidate the editor wrote, handed on to be validated: its parent and the parent's rated minibatch
     * rows of this iteration (what the minibatch gate compares it on).
     */
    record Written(Candidate parent, List<Evaluation> parentMinibatch, PromptTemplate prompt) {
    }

    /** The steps of one beam prompt, and the note of a module call of it that failed for good. */
    private record Branch(List<CompletableFuture<Evaluation>> verdicts, CompletableFuture<List<Gradient>> gradients,
                          CompletableFuture<String> summary, CompletableFuture<Edit> edit,
                          AtomicReference<String> note) {
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
    private static <R> R absorbed(AtomicReference<String> note, String what, R fallback, Supplier<R> call) {
        try {
            return call.get();
        } catch (LlmException e) {
            note.set(what + " failed: " + e.getMessage());
            return fallback;
        }
    }
}

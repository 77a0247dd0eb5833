package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.internal.CallPriority;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.modules.PromptEditor;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.search.StopReason;
import dev.gradsum.search.TestScore;
import dev.gradsum.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * The GRAD-SUM beam search. The beam starts as {@code [c0]}, the initial prompt. Each iteration, every
 * beam prompt answers a seeded training minibatch; its failures get gradients, which are summarized
 * into one paragraph (or, with summarize=false, passed raw) for the {@link PromptEditor} to write K
 * children ({@code c1}, {@code c2}, ... in creation order). Parents and children are then rated on the
 * <em>same</em> validation rows (a paired comparison; an unchanged prompt's rating is reused, not
 * redone) and the best {@code beamSize} are kept: higher mean first, ties to the shorter prompt, then
 * the older candidate.
 *
 * <p>Beyond the paper (each off by default, see {@link SearchOptions}): {@link Selection} chooses the
 * parents and survivors (Pareto pool instead of the beam; a child replaces its parent only when
 * {@link Acceptance} says it is significantly better), a {@link MinibatchGate} stops children worse than
 * their parent on its minibatch before validation, and {@link SuccessiveHalving} rates the children on
 * growing slices of the validation rows.
 *
 * <p>The search stops after {@code iterations}, or early: when no child beats the best parent for
 * {@code patience} iterations ({@link StopReason#NO_IMPROVEMENT}), when nothing is left to learn
 * ({@link StopReason#NOTHING_TO_LEARN}, see {@link NothingToLearn}; unless stopWhenLearned is off),
 * when a budget limit would be crossed ({@link StopReason#BUDGET}), or when the thread is interrupted
 * ({@link StopReason#INTERRUPTED}, the interruption is consumed). An iteration cut short is discarded:
 * the best prompt is that of the last finished iteration. Then, unless interrupted, the initial and
 * the best prompt are rated on the test split, with a paired bootstrap 95% interval of the difference
 * (the {@code TEST} stage is announced with the number of finished iterations).
 *
 * <p>Work runs concurrently on {@code executor}, which must not bound its threads (work blocks on nested
 * work); the {@code Llm} call path alone limits calls in flight. Rows flow through an iteration's stages
 * ({@link Flow}): a failure's gradient is asked as soon as its verdict arrives, a beam prompt's summary as
 * soon as its gradients are in, its edit right after, and a candidate's validation starts as soon as the
 * editor wrote it (with the minibatch gate: the child first answers its parent's minibatch, and its
 * validation starts as soon as it passed). The one barrier left is the algorithm's: the beam is chosen
 * once all of the iteration's validation is in. Successive halving needs all of the iteration's children
 * to compare them, so with it the children's validation starts at that barrier. Candidate ids follow
 * (beam order, editor's order), never arrival, so a seed gives the same search whatever the timing. Listeners are told from the calling thread, stage by
 * stage, in that same order. One instance runs one search.
 */
public final class BeamSearch {
    private final Task task;
    private final SearchModules modules;
    private final SearchOptions options;
    private final ExecutorService executor;
    private final SearchEvents events;
    private final Expander expander;
    private final List<Candidate> candidates = new ArrayList<>();
    private final Map<String, Validation> validationByPrompt = new ConcurrentHashMap<>();
    // parent choice and survivors (beam | pareto, min_confidence), the minibatch gate, halving
    private final Selection selection;
    private final MinibatchGate gate;
    private final SuccessiveHalving halving;

    public BeamSearch(Task task, SearchModules modules, SearchOptions options, ExecutorService executor,
                      List<SearchListener> listeners) {
        this.task = Objects.requireNonNull(task, "task");
        this.modules = Objects.requireNonNull(modules, "modules");
        this.options = Objects.requireNonNull(options, "options");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.events = new SearchEvents(listeners);
        this.expander = new Expander(task, modules, options, events);
        this.selection = new Selection(options);
        this.gate = new MinibatchGate(modules);
        this.halving = new SuccessiveHalving(modules, executor, events, options.beamSize());
    }

    /** Searches on {@code split}'s train and validation rows, then rates initial vs best on its test rows. */
    public SearchOutcome run(Split split) {
        if (options.iterations() > 0 && (split.train().isEmpty() || split.validation().isEmpty())) {
            throw new IllegalArgumentException("the search needs at least one training and one validation row (train "
                    + split.train().size() + ", validation " + split.validation().size() + ")");
        }
        Candidate initial = create(task.prompt(), null, 0, null);
        List<Candidate> beam = List.of(initial);
        List<Iteration> iterations = new ArrayList<>();
        StopReason reason = StopReason.COMPLETED;
        int stale = 0;
        try {
            for (int i = 1; i <= options.iterations(); i++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                Iteration iteration = iterate(i, beam, split);
                iterations.add(iteration);
                beam = iteration.beam().stream().map(this::candidate).toList();
                events.iterationFinished(iteration);
                stale = iteration.improved() ? 0 : stale + 1;
                if (options.stopWhenLearned() && NothingToLearn.after(iteration) && i < options.iterations()) {
                    reason = StopReason.NOTHING_TO_LEARN;
                    break;
                }
                if (stale >= options.patience() && i < options.iterations()) {
                    reason = StopReason.NO_IMPROVEMENT;
                    break;
                }
            }
        } catch (InterruptedException e) {
            reason = StopReason.INTERRUPTED;
        } catch (RuntimeException e) {
            reason = StopCause.of(e).orElseThrow(() -> e);
        }
        Candidate best = beam.get(0);
        TestScore test = null;
        if (reason != StopReason.INTERRUPTED) {
            FinalTest finalTest = new FinalTest(modules, executor, events,
                    new PairedBootstrap(options.bootstrapSamples(), options.seed()), callsPerRow());
            try {
                test = finalTest.run(iterations.size(), initial, best, split.test());
            } catch (InterruptedException e) {
                reason = StopReason.INTERRUPTED;
            } catch (RuntimeException e) {
                reason = StopCause.of(e).orElseThrow(() -> e);
            }
        }
        Thread.interrupted();
        return new SearchOutcome(initial, best, test, iterations, candidates, reason);
    }

    private Iteration iterate(int index, List<Candidate> beam, Split split) throws InterruptedException {
        Flow flow = new Flow(executor);
        Set<String> beamTexts = beam.stream().map(c -> c.prompt().text()).collect(Collectors.toSet());
        Map<String, CompletableFuture<MinibatchGate.Check>> gates = new ConcurrentHashMap<>();
        List<Expansion> expansions = expander.expand(flow, index, selection.parents(index, beam, this::validationRows),
                split.train(), written -> toValidate(flow, index, written, beamTexts, gates, split.validation()),
                // a beam prompt not rated before (the initial prompt, in iteration 1) depends on nothing: its
                // validation starts with the minibatch, as background work that fills the slots the chain leaves idle
                () -> beam.forEach(c -> validation(flow, index, c.prompt(), split.validation(), true)));
        Map<String, String> idByText = new HashMap<>();
        beam.forEach(c -> idByText.put(c.prompt().text(), c.id()));
        List<Candidate> children = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        Map<String, Double> trainScores = new LinkedHashMap<>();
        Map<String, List<Gradient>> gradients = new LinkedHashMap<>();
        Map<String, String> summaries = new LinkedHashMap<>();
        for (Expansion e : expansions) {
            Candidate parent = e.parent();
            if (e.trainScore() != null) {
                trainScores.put(parent.id(), e.trainScore());
            }
            gradients.put(parent.id(), e.gradients());
            if (e.summary() != null) {
                summaries.put(parent.id(), e.summary());
            }
            if (e.note() != null) {
                drop(index, parent, e.note(), dropped);
            }
            if (e.edit() == null) {
                continue;
            }
            e.edit().dropped().forEach(reason -> drop(index, parent, reason, dropped));
            for (PromptTemplate prompt : e.edit().candidates()) {
                String twin = idByText.get(prompt.text());
                if (twin != null) {
                    drop(index, parent, "a candidate repeated " + twin + " word for word", dropped);
                    continue;
                }
                Candidate child = create(prompt, parent.id(), index, e.feedback());
                idByText.put(prompt.text(), child.id());
                children.add(child);
            }
        }
        if (options.minibatchGate()) { // only children at least as good as their parent on its minibatch go on
            children = admitted(flow, index, children, expansions, gates, dropped);
        }
        List<ScoredCandidate> scored = validate(flow, index, beam, children, split);
        Selection.Outcome chosen = selection.survive(beam, scored, this::validationRows);
        return new Iteration(index, trainScores, gradients, summaries, chosen.scored(), chosen.beam(), dropped,
                chosen.improved());
    }

    /**
     * A candidate's path to validation, from the flow's threads as soon as the editor wrote it: with the
     * minibatch gate it first answers its parent's minibatch (once per parent and prompt; a repeat of a
     * beam prompt is dropped, so it is not gated), and its validation starts once it passed; without the
     * gate at once. With successive halving the children are rated at the barrier instead ({@link #validate}).
     */
    private void toValidate(Flow flow, int index, Expander.Written written, Set<String> beamTexts,
                            Map<String, CompletableFuture<MinibatchGate.Check>> gates, List<Example> rows) {
        if (!options.minibatchGate()) {
            startValidation(flow, index, written.prompt(), rows);
        } else if (!beamTexts.contains(written.prompt().text())) {
            gates.computeIfAbsent(gateKey(written.parent().id(), written.prompt().text()), key -> flow.start(() -> {
                MinibatchGate.Check check = gate.check(written.prompt(), written.parentMinibatch());
                if (check.passed()) {
                    startValidation(flow, index, written.prompt(), rows);
                }
                return check;
            }));
        }
    }

    private void startValidation(Flow flow, int index, PromptTemplate prompt, List<Example> rows) {
        if (options.validation() != SearchOptions.Validation.HALVING) {
            validation(flow, index, prompt, rows);
        }
    }

    /**
     * Waits for the gate of every child (those of dropped repeats too, so nothing of this iteration is
     * left running), tells listeners each child's gate answers in candidate order, and returns the children
     * that passed; each that did not is dropped with why.
     */
    private List<Candidate> admitted(Flow flow, int index, List<Candidate> children, List<Expansion> expansions,
                                     Map<String, CompletableFuture<MinibatchGate.Check>> gates, List<String> dropped)
            throws InterruptedException {
        Map<String, Expansion> byParent = new HashMap<>();
        expansions.forEach(e -> byParent.put(e.parent().id(), e));
        events.stageStarted(index, Stage.GATE, MinibatchGate.rows(children, byParent) * callsPerRow());
        flow.await(List.copyOf(gates.values()));
        List<Candidate> passed = new ArrayList<>();
        for (Candidate child : children) {
            MinibatchGate.Check check = gates.get(gateKey(child.parentId(), child.prompt().text())).join();
            events.evaluated(index, child, "gate", check.answers());
            if (check.passed()) {
                passed.add(child);
            } else {
                drop(index, byParent.get(child.parentId()).parent(), check.reason(child.id(), child.parentId()), dropped);
            }
        }
        return passed;
    }

    private static String gateKey(String parentId, String prompt) {
        return parentId + "\n" + prompt;
    }

    /**
     * Rates parents and children on the same validation rows; a prompt rated before is not rated again.
     * Each child's rating was started as soon as the editor wrote it ({@link #validation}), a parent not
     * rated before (the initial prompt, in iteration 1) with the minibatch ({@link #iterate}). This is where
     * the search waits for all of them, the one barrier the beam's choice needs. With successive halving
     * the new children are rated here, in rungs ({@link SuccessiveHalving}), after the others.
     */
    private List<ScoredCandidate> validate(Flow flow, int index, List<Candidate> parents, List<Candidate> children,
                                           Split split) throws InterruptedException {
        List<Candidate> pool = new ArrayList<>(parents);
        pool.addAll(children);
        // with validation=halving the new children are rated in rungs, the rest on every row
        List<Candidate> halved = options.validation() == SearchOptions.Validation.HALVING
                ? children.stream().filter(c -> !validationByPrompt.containsKey(c.prompt().text())).toList()
                : List.of();
        List<Candidate> toRate = pool.stream()
                .filter(c -> !halved.contains(c))
                .filter(c -> validation(flow, index, c.prompt(), split.validation()).iteration() == index)
                .toList();
        int rows = split.validation().size();
        events.stageStarted(index, Stage.VALIDATE, (int) (toRate.size() * (long) rows
                + SuccessiveHalving.ratings(halved.size(), options.beamSize(), rows)) * callsPerRow());
        // a prompt a gate let through for one parent may be a child of another parent that its gate stopped:
        // waiting for every rating this iteration started leaves nothing running (the same ones without the gate)
        flow.await(validationByPrompt.values().stream().filter(v -> v.iteration() == index).map(Validation::rows)
                .toList());
        List<List<Evaluation>> rated = flow.await(toRate.stream()
                .map(c -> validationByPrompt.get(c.prompt().text()).rows()).toList());
        for (int k = 0; k < toRate.size(); k++) {
            events.evaluated(index, toRate.get(k), "validation", rated.get(k));
        }
        Map<String, List<Evaluation>> rungs = halving.rate(index, halved, split.validation());
        halved.stream().filter(c -> rungs.get(c.id()).size() == rows).forEach(c -> validationByPrompt.put(
                c.prompt().text(), new Validation(index, CompletableFuture.completedFuture(rungs.get(c.id())))));
        List<ScoredCandidate> scored = new ArrayList<>(pool.size());
        for (Candidate c : pool) {
            List<Evaluation> ratings = rungs.containsKey(c.id()) ? rungs.get(c.id())
                    : validationByPrompt.get(c.prompt().text()).rows().join();
            scored.add(Scores.scored(c, ratings));
        }
        scored.sort(Ranking.BEST_FIRST);
        return scored;
    }

    /** The rating of {@code prompt} on the validation rows: started now unless it was started before. */
    private Validation validation(Flow flow, int index, PromptTemplate prompt, List<Example> rows) {
        return validation(flow, index, prompt, rows, false);
    }

    /**
     * @param background whether the rating is off the iteration's critical path: its calls then take a slot only
     *                   when no other call waits for one ({@link CallPriority})
     */
    private Validation validation(Flow flow, int index, PromptTemplate prompt, List<Example> rows, boolean background) {
        return validationByPrompt.computeIfAbsent(prompt.text(), text -> new Validation(index, flow.start(
                () -> background ? CallPriority.inBackground(() -> modules.rate(prompt, rows)) : modules.rate(prompt, rows))));
    }

    /** A prompt's validation rows, rated (or being rated), and the iteration that started the rating. */
    private record Validation(int iteration, CompletableFuture<List<Evaluation>> rows) {
    }

    /** A candidate's ratings on every validation row, or {@code null} when it has not answered them all. */
    private List<Evaluation> validationRows(Candidate c) {
        Validation v = validationByPrompt.get(c.prompt().text());
        return v == null || !v.rows().isDone() || v.rows().isCompletedExceptionally() ? null : v.rows().join();
    }

    /** Calls per rated row: the answer, and each judge sample's verdict under an LLM judge. */
    private int callsPerRow() {
        return RowCalls.of(task, options);
    }

    private Candidate create(PromptTemplate prompt, String parentId, int iteration, String feedback) {
        Candidate c = new Candidate("c" + candidates.size(), prompt, parentId, iteration, feedback);
        candidates.add(c);
        events.candidateCreated(c);
        return c;
    }

    private Candidate candidate(String id) {
        return candidates.get((int) Ranking.age(id));
    }

    private void drop(int index, Candidate parent, String reason, List<String> dropped) {
        dropped.add(parent.id() + ": " + reason);
        events.candidateDropped(index, parent, reason);
    }
}

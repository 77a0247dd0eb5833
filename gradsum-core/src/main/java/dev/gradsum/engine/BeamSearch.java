package dev.gradsum.engine;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.internal.Fanout;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

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
 * {@code patience} iterations ({@link StopReason#NO_IMPROVEMENT}), when a budget limit would be
 * crossed ({@link StopReason#BUDGET}), or when the thread is interrupted
 * ({@link StopReason#INTERRUPTED}, the interruption is consumed). An iteration cut short is discarded:
 * the best prompt is that of the last finished iteration. Then, unless interrupted, the initial and
 * the best prompt are rated on the test split, with a paired bootstrap 95% interval of the difference
 * (the {@code TEST} stage is announced with the number of finished iterations).
 *
 * <p>Independent work runs concurrently on {@code executor}, which must not bound its threads (work
 * blocks on nested work); the {@code Llm} call path limits calls in flight. Listeners are told from
 * the calling thread. One instance runs one search.
 */
public final class BeamSearch {
    private final Task task;
    private final SearchModules modules;
    private final SearchOptions options;
    private final ExecutorService executor;
    private final SearchEvents events;
    private final Expander expander;
    private final List<Candidate> candidates = new ArrayList<>();
    private final Map<String, List<Evaluation>> validationByPrompt = new ConcurrentHashMap<>();
    // i13-engine: parent choice and survivors (beam | pareto, min_confidence), the minibatch gate, halving
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
        this.expander = new Expander(task, modules, options, executor, events);
        this.selection = new Selection(options);
        this.gate = new MinibatchGate(modules, executor, events);
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
        List<Expansion> expansions = expander.expand(index, selection.parents(index, beam, this::validation), // i13-engine
                split.train());
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
        if (options.minibatchGate()) { // i13-engine: only children at least as good as their parent on its minibatch go on
            Map<String, Expansion> byParent = new HashMap<>();
            expansions.forEach(e -> byParent.put(e.parent().id(), e));
            events.stageStarted(index, Stage.GATE, MinibatchGate.rows(children, byParent) * callsPerRow());
            children = gate.admitted(index, children, byParent, (parent, reason) -> drop(index, parent, reason, dropped));
        }
        List<ScoredCandidate> scored = validate(index, beam, children, split);
        Selection.Outcome chosen = selection.survive(beam, scored, this::validation); // i13-engine
        return new Iteration(index, trainScores, gradients, summaries, chosen.scored(), chosen.beam(), dropped,
                chosen.improved());
    }

    /** Rates parents and children on the same validation rows; a prompt rated before is not rated again. */
    private List<ScoredCandidate> validate(int index, List<Candidate> parents, List<Candidate> children, Split split)
            throws InterruptedException {
        List<Candidate> pool = new ArrayList<>(parents);
        pool.addAll(children);
        List<Candidate> unrated = pool.stream().filter(c -> !validationByPrompt.containsKey(c.prompt().text())).toList();
        // i13-engine: with validation=halving the new children are rated in rungs, the rest on every row
        List<Candidate> halved = options.validation() == SearchOptions.Validation.HALVING
                ? unrated.stream().filter(children::contains).toList() : List.of();
        List<Candidate> toRate = unrated.stream().filter(c -> !halved.contains(c)).toList();
        int rows = split.validation().size();
        events.stageStarted(index, Stage.VALIDATE, (int) (toRate.size() * (long) rows
                + SuccessiveHalving.ratings(halved.size(), options.beamSize(), rows)) * callsPerRow());
        List<List<Evaluation>> rated = Fanout.waitForAll(executor, toRate,
                c -> modules.rate(c.prompt(), split.validation()));
        for (int k = 0; k < toRate.size(); k++) {
            validationByPrompt.put(toRate.get(k).prompt().text(), rated.get(k));
            events.evaluated(index, toRate.get(k), "validation", rated.get(k));
        }
        Map<String, List<Evaluation>> rungs = halving.rate(index, halved, split.validation());
        halved.stream().filter(c -> rungs.get(c.id()).size() == rows)
                .forEach(c -> validationByPrompt.put(c.prompt().text(), rungs.get(c.id())));
        List<ScoredCandidate> scored = new ArrayList<>(pool.size());
        for (Candidate c : pool) {
            scored.add(Scores.scored(c, rungs.getOrDefault(c.id(), validationByPrompt.get(c.prompt().text()))));
        }
        scored.sort(Ranking.BEST_FIRST);
        return scored;
    }

    /** A candidate's ratings on every validation row, or {@code null} when it has not answered them all. */
    private List<Evaluation> validation(Candidate c) {
        return validationByPrompt.get(c.prompt().text());
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

package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
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
 * editor wrote it. The one barrier left is the algorithm's: the beam is chosen once all of the
 * iteration's validation is in. Candidate ids follow (beam order, editor's order), never arrival, so a
 * seed gives the same search whatever the timing. Listeners are told from the calling thread, stage by
 * stage, in that same order. One instance runs one search.
 */
public final class BeamSearch {
    private final Task task;
    private final SearchModules modules;
    private final SearchOptions options;
    private final ExecutorService executor;
    private final SearchEvents events;
    private final Expander expander;
    private final boolean judged;
    private final List<Candidate> candidates = new ArrayList<>();
    private final Map<String, Validation> validationByPrompt = new ConcurrentHashMap<>();

    public BeamSearch(Task task, SearchModules modules, SearchOptions options, ExecutorService executor,
                      List<SearchListener> listeners) {
        this.task = Objects.requireNonNull(task, "task");
        this.modules = Objects.requireNonNull(modules, "modules");
        this.options = Objects.requireNonNull(options, "options");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.events = new SearchEvents(listeners);
        this.expander = new Expander(task, modules, options, events);
        this.judged = task.metric() == null;
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
                    new PairedBootstrap(options.bootstrapSamples(), options.seed()), judged);
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
        List<Expansion> expansions = expander.expand(flow, index, beam, split.train(),
                prompt -> validation(flow, index, prompt, split.validation()));
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
        List<ScoredCandidate> scored = validate(flow, index, beam, children, split);
        List<String> kept = scored.stream().limit(options.beamSize()).map(s -> s.candidate().id()).toList();
        return new Iteration(index, trainScores, gradients, summaries, scored, kept, dropped,
                improved(scored, children));
    }

    /**
     * Rates parents and children on the same validation rows; a prompt rated before is not rated again.
     * Each child's rating was started as soon as the editor wrote it ({@link #validation}); a parent not
     * rated before (the initial prompt, in iteration 1) starts here, with the last children. This is where
     * the search waits for all of them, the one barrier the beam's choice needs.
     */
    private List<ScoredCandidate> validate(Flow flow, int index, List<Candidate> parents, List<Candidate> children,
                                           Split split) throws InterruptedException {
        List<Candidate> pool = new ArrayList<>(parents);
        pool.addAll(children);
        List<Candidate> toRate = pool.stream()
                .filter(c -> validation(flow, index, c.prompt(), split.validation()).iteration() == index)
                .toList();
        int rows = split.validation().size();
        events.stageStarted(index, Stage.VALIDATE, toRate.size() * rows * (judged ? 2 : 1));
        List<List<Evaluation>> rated = flow.await(toRate.stream()
                .map(c -> validationByPrompt.get(c.prompt().text()).rows()).toList());
        for (int k = 0; k < toRate.size(); k++) {
            events.evaluated(index, toRate.get(k), "validation", rated.get(k));
        }
        List<ScoredCandidate> scored = new ArrayList<>(pool.size());
        for (Candidate c : pool) {
            scored.add(Scores.scored(c, validationByPrompt.get(c.prompt().text()).rows().join()));
        }
        scored.sort(Ranking.BEST_FIRST);
        return scored;
    }

    /** The rating of {@code prompt} on the validation rows: started now unless it was started before. */
    private Validation validation(Flow flow, int index, PromptTemplate prompt, List<Example> rows) {
        return validationByPrompt.computeIfAbsent(prompt.text(),
                text -> new Validation(index, flow.start(() -> modules.rate(prompt, rows))));
    }

    /** A prompt's validation rows, rated (or being rated), and the iteration that started the rating. */
    private record Validation(int iteration, CompletableFuture<List<Evaluation>> rows) {
    }

    /** Whether a child rates higher than every parent on this iteration's validation rows. */
    private static boolean improved(List<ScoredCandidate> scored, List<Candidate> children) {
        Set<String> childIds = children.stream().map(Candidate::id).collect(Collectors.toSet());
        double bestChild = Double.NEGATIVE_INFINITY;
        double bestParent = Double.NEGATIVE_INFINITY;
        for (ScoredCandidate s : scored) {
            if (s.rated() == 0) {
                continue;
            }
            if (childIds.contains(s.candidate().id())) {
                bestChild = Math.max(bestChild, s.score());
            } else {
                bestParent = Math.max(bestParent, s.score());
            }
        }
        return bestChild > bestParent;
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

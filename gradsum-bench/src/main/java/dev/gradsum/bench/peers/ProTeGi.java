package dev.gradsum.bench.peers;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.internal.Causes;
import dev.gradsum.llm.BudgetExceededException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * ProTeGi, "Automatic Prompt Optimization with Gradient Descent and Beam Search" (Pryzant et al.
 * 2023), a peer of GRAD-SUM for the benchmark, run on gradsum's own call path, generator and
 * evaluator. Algorithm 1 of the paper: the beam starts as the initial prompt; each round every beam
 * prompt is expanded ({@link ProTeGiExpander}: minibatch errors → per-group textual gradients → one
 * edit per gradient → Monte-Carlo paraphrases), and the beam for the next round is selected from the
 * beam and all successors by the UCB bandit ({@link UcbSelection}) on the validation rows. The result
 * is the prompt with the best bandit estimate after the last round.
 *
 * <p>A budget limit ends the search at the last finished round, as GRAD-SUM's does.
 */
public final class ProTeGi {
    private final PeerContext context;
    private final ProTeGiOptions options;
    private final ProTeGiExpander expander;
    private final UcbSelection selection;

    public ProTeGi(PeerContext context, ProTeGiOptions options) {
        this(context, options, PeerPrompts.defaults());
    }

    public ProTeGi(PeerContext context, ProTeGiOptions options, PeerPrompts prompts) {
        this.context = context;
        this.options = options;
        this.expander = new ProTeGiExpander(context, options, prompts);
        this.selection = new UcbSelection(options.selection(), context::rate, context.executor());
    }

    /** Searches on the split's train (expansion) and validation (selection) rows; never reads its test rows. */
    public PeerOutcome run(Split split) {
        return run(split, new SearchTrace());
    }

    /** As {@link #run(Split)}, telling {@code trace} each round's best and each successor that entered the beam. */
    public PeerOutcome run(Split split, SearchTrace trace) {
        PromptTemplate initial = context.task().prompt();
        PeerEdits.edited(initial); // refuses, before any call, a chat prompt with more than one optimized message
        List<PromptTemplate> beam = List.of(initial);
        Set<String> seen = new HashSet<>(Set.of(initial.text()));
        int rounds = 0;
        int dropped = 0;
        String stop = "completed";
        Map<String, PromptTemplate> parentOf = new HashMap<>();
        trace.step(context.usage().calls(), initial);
        try {
            for (int r = 1; r <= options.rounds(); r++) {
                final int round = r;
                List<PromptTemplate> parents = beam;
                Set<String> before = new HashSet<>();
                parents.forEach(p -> before.add(p.text()));
                List<ProTeGiExpander.Expansion> expansions = PeerContext.waitForAll(context.executor(),
                        indices(parents.size()), i -> expander.expand(parents.get(i), split.train(), random(round, i)));
                List<PromptTemplate> pool = new ArrayList<>(parents);
                for (int i = 0; i < expansions.size(); i++) {
                    ProTeGiExpander.Expansion e = expansions.get(i);
                    dropped += e.dropped();
                    for (PromptTemplate successor : e.successors()) {
                        if (seen.add(successor.text())) {
                            pool.add(successor);
                            parentOf.put(successor.text(), parents.get(i));
                        }
                    }
                }
                beam = selection.select(pool, split.validation(), options.beamSize(), random(round, -1)).stream()
                        .map(UcbSelection.Ranked::prompt).toList();
                rounds = r;
                for (PromptTemplate kept : beam) {
                    if (!before.contains(kept.text())) {
                        trace.accepted(parentOf.get(kept.text()), kept);
                    }
                }
                trace.step(context.usage().calls(), beam.get(0));
            }
        } catch (RuntimeException e) {
            if (!causedByBudget(e)) {
                throw e;
            }
            stop = "budget";
        }
        return new PeerOutcome(beam.get(0), rounds, seen.size(), dropped, stop);
    }

    private Random random(int round, int index) {
        return new Random(options.seed() * 1_000_003L + round * 1_009L + index);
    }

    private static List<Integer> indices(int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    static boolean causedByBudget(Throwable failure) {
        return Causes.hasOrSuppresses(failure, BudgetExceededException.class);
    }
}

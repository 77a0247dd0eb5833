package dev.gradsum.bench.peers;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.GradientGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * GEPA, "GEPA: Reflective Prompt Evolution Can Outperform Reinforcement Learning" (Agrawal et al. 2025,
 * arXiv 2507.19457), a peer of GRAD-SUM for the benchmark, written from the paper's description (its
 * Algorithm 1) and run on gradsum's own call path, generator and evaluator:
 * <ol>
 *   <li>the pool starts as the initial prompt, rated on every validation row (the Pareto set);</li>
 *   <li>each proposal draws a parent from the Pareto front of per-row validation scores
 *       ({@link ParetoFront}), lets it answer the next minibatch of {@code minibatchSize} training rows
 *       (epoch-shuffled: every row once before any repeats), and asks the editor model to reflect on
 *       those outputs with the judge's textual feedback ({@code gepa_reflect.md}) and write one new
 *       prompt; a parent that is right on the whole minibatch is skipped (nothing to learn);</li>
 *   <li>the child answers the same minibatch and joins the pool only when its minibatch score is
 *       strictly higher than its parent's; then it is rated on every validation row;</li>
 *   <li>optionally ({@code merge}), after a child joins, two front candidates with a common ancestor
 *       are merged ({@link GepaMerge}); the merge joins when, on a fresh minibatch, it does at least
 *       as well as the better of the two;</li>
 * </ol>
 * until {@code proposals} or the budget ends; the result is the pool's best mean on validation.
 */
public final class Gepa {
    private final PeerContext context;
    private final GepaOptions options;
    private final PeerPrompts prompts;

    public Gepa(PeerContext context, GepaOptions options) {
        this(context, options, PeerPrompts.defaults());
    }

    public Gepa(PeerContext context, GepaOptions options, PeerPrompts prompts) {
        this.context = context;
        this.options = options;
        this.prompts = prompts;
    }

    /** One candidate of the pool: its prompt, parents (none for the initial prompt) and validation scores. */
    private record Member(PromptTemplate prompt, List<Integer> parents, double[] scores) {
    }

    public PeerOutcome run(Split split) {
        return run(split, new SearchTrace());
    }

    /** Searches on the split's train (minibatches) and validation (Pareto set) rows; never reads its test rows. */
    public PeerOutcome run(Split split, SearchTrace trace) {
        PeerEdits.edited(context.task().prompt()); // refuses, before any call, more than one optimized message
        List<Example> validation = split.validation();
        Batches batches = new Batches(split.train(), options.minibatchSize(), new Random(options.seed() * 31 + 1));
        List<Member> pool = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> mergesTried = new HashSet<>();
        int proposals = 0;
        int merges = 0;
        int dropped = 0;
        String stop = "completed";
        try {
            PromptTemplate initial = context.task().prompt();
            pool.add(new Member(initial, List.of(), scores(initial, validation)));
            seen.add(initial.text());
            trace.step(context.usage().calls(), best(pool));
            Random random = new Random(options.seed() * 1_000_003L + 7);
            while (proposals < options.proposals()) {
                proposals++;
                int k = ParetoFront.select(scoreTable(pool), random);
                Member parent = pool.get(k);
                List<Example> minibatch = batches.next();
                List<Evaluation> parentRun = context.rate(parent.prompt(), minibatch);
                double parentScore = sum(parentRun);
                if (parentScore >= minibatch.size()) {
                    continue;
                }
                PromptTemplate child = reflect(parent.prompt(), parentRun);
                if (child == null) {
                    dropped++;
                    continue;
                }
                if (!seen.add(child.text()) || sum(context.rate(child, minibatch)) <= parentScore) {
                    continue;
                }
                pool.add(new Member(child, List.of(k), scores(child, validation)));
                trace.accepted(parent.prompt(), child);
                if (options.merge() && merges < options.maxMerges()) {
                    if (tryMerge(pool, validation, batches, random, seen, mergesTried, trace)) {
                        merges++;
                    }
                }
                trace.step(context.usage().calls(), best(pool));
            }
        } catch (RuntimeException e) {
            if (!ProTeGi.causedByBudget(e)) {
                throw e;
            }
            stop = "budget";
        }
        PromptTemplate best = pool.isEmpty() ? context.task().prompt() : best(pool);
        trace.step(context.usage().calls(), best);
        return new PeerOutcome(best, proposals, Math.max(1, seen.size()), dropped, stop);
    }

    /** The reflective mutation: one editor call over the minibatch's outputs and feedback; null if unusable. */
    private PromptTemplate reflect(PromptTemplate prompt, List<Evaluation> run) {
        String request = prompts.get(PeerPrompts.GEPA_REFLECT).render(Map.of(
                "task", context.task().description(),
                "prompt", PeerEdits.edited(prompt),
                "examples", examples(run),
                "placeholders", PeerEdits.placeholders(prompt)));
        List<String> texts = PeerEdits.promptsIn(PeerEdits.call(context.editor(), LlmRequest.user(request).asJson()), 1);
        if (texts.isEmpty()) {
            return null;
        }
        PromptTemplate child = PeerEdits.usable(prompt, texts.get(0));
        return child == null || child.text().equals(prompt.text()) ? null : child;
    }

    /** One merge attempt; false when no pair of front candidates can be merged (nothing was spent). */
    private boolean tryMerge(List<Member> pool, List<Example> validation, Batches batches, Random random,
                             Set<String> seen, Set<String> tried, SearchTrace trace) {
        List<Integer> front = ParetoFront.front(scoreTable(pool));
        List<int[]> pairs = new ArrayList<>();
        for (int a : front) {
            for (int b : front) {
                if (a < b && !tried.contains(a + "," + b) && !ancestors(pool, a).contains(b)
                        && !ancestors(pool, b).contains(a) && commonAncestor(pool, a, b) >= 0) {
                    pairs.add(new int[] {a, b});
                }
            }
        }
        if (pairs.isEmpty()) {
            return false;
        }
        int[] pair = pairs.get(random.nextInt(pairs.size()));
        tried.add(pair[0] + "," + pair[1]);
        Member first = pool.get(pair[0]);
        Member second = pool.get(pair[1]);
        String ancestor = PeerEdits.edited(pool.get(commonAncestor(pool, pair[0], pair[1])).prompt());
        PromptTemplate merged = PeerEdits.usable(first.prompt(),
                GepaMerge.merge(ancestor, PeerEdits.edited(first.prompt()), PeerEdits.edited(second.prompt())));
        if (merged == null || !seen.add(merged.text())) {
            return true;
        }
        List<Example> minibatch = batches.next();
        double bar = Math.max(sum(context.rate(first.prompt(), minibatch)), sum(context.rate(second.prompt(), minibatch)));
        if (sum(context.rate(merged, minibatch)) < bar) {
            return true;
        }
        pool.add(new Member(merged, List.of(pair[0], pair[1]), scores(merged, validation)));
        Member better = ParetoFront.mean(first.scores()) >= ParetoFront.mean(second.scores()) ? first : second;
        trace.accepted(better.prompt(), merged);
        return true;
    }

    private double[] scores(PromptTemplate prompt, List<Example> rows) {
        List<Evaluation> run = context.rate(prompt, rows);
        double[] s = new double[run.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = run.get(i).score().error() ? 0 : run.get(i).score().value();
        }
        return s;
    }

    private static Set<Integer> ancestors(List<Member> pool, int c) {
        Set<Integer> all = new HashSet<>();
        List<Integer> todo = new ArrayList<>(pool.get(c).parents());
        while (!todo.isEmpty()) {
            int p = todo.remove(todo.size() - 1);
            if (all.add(p)) {
                todo.addAll(pool.get(p).parents());
            }
        }
        return all;
    }

    /** The youngest candidate both descend from, or -1. */
    private static int commonAncestor(List<Member> pool, int a, int b) {
        Set<Integer> mine = ancestors(pool, a);
        mine.retainAll(ancestors(pool, b));
        return mine.stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    private String examples(List<Evaluation> run) {
        StringBuilder out = new StringBuilder();
        for (Evaluation e : run) {
            out.append("<example>\n<input>\n").append(e.generation().input()).append("\n</input>\n<output>\n")
                    .append(e.generation().failed() ? "(no answer)" : e.generation().output()).append("\n</output>\n");
            String expected = GradientGenerator.expected(context.task(), e.generation().example());
            if (expected != null) {
                out.append("<expected>\n").append(expected).append("\n</expected>\n");
            }
            out.append("<feedback>\n");
            if (e.score().error()) {
                out.append("Could not be rated.");
            } else {
                out.append(String.format(Locale.ROOT, "Score %.2f on a 0-1 scale. ", e.score().value()))
                        .append(e.score().reason().strip());
            }
            out.append("\n</feedback>\n</example>\n");
        }
        return out.toString().strip();
    }

    private static double sum(List<Evaluation> run) {
        double s = 0;
        for (Evaluation e : run) {
            if (!e.score().error()) {
                s += e.score().value();
            }
        }
        return s;
    }

    private static List<double[]> scoreTable(List<Member> pool) {
        return pool.stream().map(Member::scores).toList();
    }

    private static PromptTemplate best(List<Member> pool) {
        return pool.get(ParetoFront.bestMean(scoreTable(pool))).prompt();
    }

    /** Epoch-shuffled minibatches: the training rows in a seeded order, in consecutive chunks, reshuffled each epoch. */
    static final class Batches {
        private final List<Example> rows;
        private final int size;
        private final Random random;
        private List<Example> order = List.of();
        private int next;

        Batches(List<Example> rows, int size, Random random) {
            this.rows = rows;
            this.size = Math.min(size, rows.size());
            this.random = random;
        }

        List<Example> next() {
            if (next + size > order.size()) {
                order = Sampling.sample(rows, rows.size(), random);
                next = 0;
            }
            List<Example> batch = order.subList(next, next + size);
            next += size;
            return List.copyOf(batch);
        }
    }
}

package dev.gradsum.bench;

import dev.gradsum.GradSum;
import dev.gradsum.bench.peers.Gepa;
import dev.gradsum.bench.peers.GepaOptions;
import dev.gradsum.bench.peers.PeerContext;
import dev.gradsum.bench.peers.PeerOutcome;
import dev.gradsum.bench.peers.ProTeGi;
import dev.gradsum.bench.peers.ProTeGiOptions;
import dev.gradsum.bench.peers.SearchTrace;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.engine.SearchListener;
import dev.gradsum.llm.CallCache;
import dev.gradsum.model.Usage;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.SearchOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The optimizers the benchmark knows: the initial prompt (no search), GRAD-SUM with the paper's
 * settings, GRAD-SUM without summarization (the paper's ablation), GRAD-SUM with each switch beyond the
 * paper (Pareto selection, the minibatch gate, successive halving, all three together, 3 judge samples,
 * the significance test at 0.9, judge samples with the test, Pareto with the test and with both), ProTeGi
 * and GEPA. Each search gets
 * its own fresh in-memory call cache, so no column profits from another's calls, and reports a
 * {@link SearchTrace} (its best prompt after each step, the children it accepted).
 *
 * <p>A GRAD-SUM variant is one line in {@link #ALL}: a key, a label and how its {@link SearchOptions}
 * differ from the paper's ({@link #gradsum}).
 */
public final class Optimizers {
    public static final String INITIAL = "initial";
    public static final String GRADSUM = "gradsum";
    public static final String GRADSUM_NO_SUMMARY = "gradsum-no-summary";
    public static final String PROTEGI = "protegi";
    public static final String GEPA = "gepa";
    public static final String GRADSUM_PARETO = "gradsum-pareto";
    public static final String GRADSUM_GATE = "gradsum-gate";
    public static final String GRADSUM_HALVING = "gradsum-halving";
    public static final String GRADSUM_GATE_HALVING_PARETO = "gradsum-gate-halving-pareto";
    public static final String GRADSUM_JUDGE3 = "gradsum-judge3";
    public static final String GRADSUM_CONFIDENCE = "gradsum-confidence";
    public static final String GRADSUM_JUDGE3_CONFIDENCE = "gradsum-judge3-confidence";
    public static final String GRADSUM_PARETO_CONFIDENCE = "gradsum-pareto-confidence";
    public static final String GRADSUM_PARETO_JUDGE3_CONFIDENCE = "gradsum-pareto-judge3-confidence";

    /** Every optimizer by key, in column order. A GRAD-SUM variant is one {@link #gradsum} line here. */
    private static final Map<String, Supplier<Optimizer>> ALL = new LinkedHashMap<>();

    static {
        ALL.put(INITIAL, Initial::new);
        ALL.put(GRADSUM, () -> gradsum(GRADSUM, "GRAD-SUM", b -> b));
        ALL.put(GRADSUM_NO_SUMMARY, () -> gradsum(GRADSUM_NO_SUMMARY, "GRAD-SUM w/o summary", b -> b.summarize(false)));
        ALL.put(GRADSUM_PARETO, () -> gradsum(GRADSUM_PARETO, "GRAD-SUM pareto",
                b -> b.selection(SearchOptions.Selection.PARETO)));
        ALL.put(GRADSUM_GATE, () -> gradsum(GRADSUM_GATE, "GRAD-SUM minibatch gate", b -> b.minibatchGate(true)));
        ALL.put(GRADSUM_HALVING, () -> gradsum(GRADSUM_HALVING, "GRAD-SUM successive halving",
                b -> b.validation(SearchOptions.Validation.HALVING)));
        ALL.put(GRADSUM_GATE_HALVING_PARETO, () -> gradsum(GRADSUM_GATE_HALVING_PARETO, "GRAD-SUM gate + halving + pareto",
                b -> b.minibatchGate(true).validation(SearchOptions.Validation.HALVING)
                        .selection(SearchOptions.Selection.PARETO)));
        ALL.put(GRADSUM_JUDGE3, () -> gradsum(GRADSUM_JUDGE3, "GRAD-SUM 3 judge samples", b -> b.judgeSamples(3)));
        ALL.put(GRADSUM_CONFIDENCE, () -> gradsum(GRADSUM_CONFIDENCE, "GRAD-SUM min confidence 0.9",
                b -> b.minConfidence(0.9)));
        ALL.put(GRADSUM_JUDGE3_CONFIDENCE, () -> gradsum(GRADSUM_JUDGE3_CONFIDENCE,
                "GRAD-SUM 3 judge samples + min confidence 0.9", b -> b.judgeSamples(3).minConfidence(0.9)));
        ALL.put(GRADSUM_PARETO_CONFIDENCE, () -> gradsum(GRADSUM_PARETO_CONFIDENCE, "GRAD-SUM pareto + min confidence 0.9",
                b -> b.selection(SearchOptions.Selection.PARETO).minConfidence(0.9)));
        ALL.put(GRADSUM_PARETO_JUDGE3_CONFIDENCE, () -> gradsum(GRADSUM_PARETO_JUDGE3_CONFIDENCE,
                "GRAD-SUM pareto + 3 judge samples + min confidence 0.9",
                b -> b.selection(SearchOptions.Selection.PARETO).judgeSamples(3).minConfidence(0.9)));
        ALL.put(PROTEGI, ProTeGiColumn::new);
        ALL.put(GEPA, GepaColumn::new);
    }

    /** Every key, in column order: the rows of the multi-seed bench ({@code suite --world}) by default. */
    public static final List<String> KEYS = List.copyOf(ALL.keySet());

    /**
     * The columns of the suite's one table by default (task files and {@code --simulated}): the paper's
     * comparison and the peers; the variants beyond the paper are in {@link #KEYS}.
     */
    public static final List<String> SUITE_DEFAULT = List.of(INITIAL, GRADSUM, GRADSUM_NO_SUMMARY, PROTEGI, GEPA);

    private Optimizers() {
    }

    /** The optimizer called {@code key}; an unknown key is an IllegalArgumentException listing the known ones. */
    public static Optimizer byKey(String key) {
        Supplier<Optimizer> found = ALL.get(key.toLowerCase(Locale.ROOT));
        if (found == null) {
            throw new IllegalArgumentException("unknown optimizer \"" + key + "\"; known: " + String.join(", ", KEYS));
        }
        return found.get();
    }

    /**
     * A GRAD-SUM row: the paper's settings (the bench's iterations and seed) changed by {@code options}.
     *
     * @param options e.g. {@code b -> b.summarize(false)}
     */
    public static Optimizer gradsum(String key, String label, UnaryOperator<SearchOptions.Builder> options) {
        return new GradSumColumn(key, label, options);
    }

    /** The initial prompt as it is: the baseline column. */
    static final class Initial implements Optimizer {
        public String key() { return INITIAL; }
        public String label() { return "initial prompt"; }

        public Outcome optimize(BenchTask task, BenchSettings settings) {
            return new Outcome(task.task().prompt(), Usage.ZERO, 0, "no search");
        }
    }

    /** GRAD-SUM through the library's public API, with the paper's beam and our defaults, changed by a customizer. */
    static final class GradSumColumn implements Optimizer {
        private final String key;
        private final String label;
        private final UnaryOperator<SearchOptions.Builder> options;

        GradSumColumn(String key, String label, UnaryOperator<SearchOptions.Builder> options) {
            this.key = key;
            this.label = label;
            this.options = options;
        }

        public String key() { return key; }
        public String label() { return label; }

        public Outcome optimize(BenchTask task, BenchSettings settings) {
            Split split = task.split();
            SearchTrace trace = new SearchTrace();
            AtomicLong calls = new AtomicLong();
            Map<String, PromptTemplate> prompts = new ConcurrentHashMap<>();
            OptimizationResult r = GradSum.builder()
                    .task(task.task())
                    .models(task.models())
                    .split(new Split(split.train(), split.validation(), List.of()))
                    .options(options.apply(SearchOptions.builder().iterations(settings.iterations())
                            .seed(settings.seed())).build())
                    .maxConcurrency(task.concurrency())
                    .timeout(task.timeout())
                    .pricing(task.pricing())
                    .budget(settings.budget())
                    .cache(CallCache.inMemory())
                    .callListener((role, reply, total) -> calls.set(total.calls()))
                    .listener(new SearchListener() {
                        @Override
                        public void candidateCreated(Candidate candidate) {
                            prompts.put(candidate.id(), candidate.prompt());
                        }

                        @Override
                        public void iterationFinished(Iteration iteration) {
                            for (Candidate c : iteration.scored().stream().map(s -> s.candidate()).toList()) {
                                if (iteration.beam().contains(c.id()) && c.iteration() == iteration.index()
                                        && c.parentId() != null && prompts.containsKey(c.parentId())) {
                                    trace.accepted(prompts.get(c.parentId()), c.prompt());
                                }
                            }
                            if (!iteration.beam().isEmpty() && prompts.containsKey(iteration.beam().get(0))) {
                                trace.step(calls.get(), prompts.get(iteration.beam().get(0)));
                            }
                        }
                    })
                    .build()
                    .optimize();
            trace.step(r.total().calls(), r.bestPrompt());
            return new Outcome(r.bestPrompt(), r.total(), r.elapsed().toMillis(),
                    r.stopReason().name().toLowerCase(Locale.ROOT), trace);
        }
    }

    /** ProTeGi with the paper's settings; its rounds are the shared iteration count. */
    static final class ProTeGiColumn implements Optimizer {
        public String key() { return PROTEGI; }
        public String label() { return "ProTeGi"; }

        public Outcome optimize(BenchTask task, BenchSettings settings) {
            return peer(task, settings, (context, trace) -> new ProTeGi(context, ProTeGiOptions.paper()
                    .withRounds(settings.iterations()).withSeed(settings.seed())).run(task.split(), trace));
        }
    }

    /**
     * GEPA with the paper's minibatch of 3 and no merge; it may propose as many children as GRAD-SUM's
     * default beam makes in the shared iterations (beam 3 × 3 candidates per prompt × iterations), and
     * stops earlier at the shared budget.
     */
    static final class GepaColumn implements Optimizer {
        public String key() { return GEPA; }
        public String label() { return "GEPA"; }

        public Outcome optimize(BenchTask task, BenchSettings settings) {
            SearchOptions paper = SearchOptions.defaults();
            int proposals = settings.iterations() * paper.beamSize() * paper.candidatesPerPrompt();
            return peer(task, settings, (context, trace) -> new Gepa(context, GepaOptions.paper()
                    .withProposals(proposals).withSeed(settings.seed())).run(task.split(), trace));
        }
    }

    /** Runs a peer {@code search} in its own {@link PeerContext}: its best prompt, the context's usage, the wall time, its trace. */
    private static Optimizer.Outcome peer(BenchTask task, BenchSettings settings,
            BiFunction<PeerContext, SearchTrace, PeerOutcome> search) {
        long start = System.nanoTime();
        SearchTrace trace = new SearchTrace();
        try (PeerContext context = PeerContext.open(task.task(), task.models(), task.pricing(), settings.budget(),
                task.concurrency(), task.timeout(), settings.seed())) {
            PeerOutcome o = search.apply(context, trace);
            return new Optimizer.Outcome(o.best(), context.usage(), (System.nanoTime() - start) / 1_000_000, o.stopReason(),
                    trace);
        }
    }
}

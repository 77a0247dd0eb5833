package dev.gradsum.bench;

import dev.gradsum.GradSum;
import dev.gradsum.bench.peers.PeerContext;
import dev.gradsum.bench.peers.PeerOutcome;
import dev.gradsum.bench.peers.ProTeGi;
import dev.gradsum.bench.peers.ProTeGiOptions;
import dev.gradsum.data.Split;
import dev.gradsum.llm.CallCache;
import dev.gradsum.model.Usage;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.SearchOptions;
import java.util.List;
import java.util.Locale;

/**
 * The optimizers the benchmark knows: the initial prompt (no search), GRAD-SUM, GRAD-SUM without
 * summarization (the paper's ablation) and ProTeGi. Each search gets its own fresh in-memory call
 * cache, so no column profits from another's calls.
 */
public final class Optimizers {
    public static final String INITIAL = "initial";
    public static final String GRADSUM = "gradsum";
    public static final String GRADSUM_NO_SUMMARY = "gradsum-no-summary";
    public static final String PROTEGI = "protegi";
    public static final List<String> KEYS = List.of(INITIAL, GRADSUM, GRADSUM_NO_SUMMARY, PROTEGI);

    private Optimizers() {
    }

    /** The optimizer called {@code key}; an unknown key is an IllegalArgumentException listing the known ones. */
    public static Optimizer byKey(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case INITIAL -> new Initial();
            case GRADSUM -> new GradSumColumn(true);
            case GRADSUM_NO_SUMMARY -> new GradSumColumn(false);
            case PROTEGI -> new ProTeGiColumn();
            default -> throw new IllegalArgumentException("unknown optimizer \"" + key + "\"; known: " + String.join(", ", KEYS));
        };
    }

    /** The initial prompt as it is: the baseline column. */
    static final class Initial implements Optimizer {
        public String key() { return INITIAL; }
        public String label() { return "initial prompt"; }

        public Outcome optimize(BenchTask task, BenchSettings settings) {
            return new Outcome(task.task().prompt(), Usage.ZERO, 0, "no search");
        }
    }

    /** GRAD-SUM through the library's public API, with the paper's beam and our defaults. */
    static final class GradSumColumn implements Optimizer {
        private final boolean summarize;

        GradSumColumn(boolean summarize) {
            this.summarize = summarize;
        }

        public String key() { return summarize ? GRADSUM : GRADSUM_NO_SUMMARY; }
        public String label() { return summarize ? "GRAD-SUM" : "GRAD-SUM w/o summary"; }

        public Outcome optimize(BenchTask task, BenchSettings settings) {
            Split split = task.split();
            OptimizationResult r = GradSum.builder()
                    .task(task.task())
                    .models(task.models())
                    .split(new Split(split.train(), split.validation(), List.of()))
                    .options(SearchOptions.builder().iterations(settings.iterations()).summarize(summarize)
                            .seed(settings.seed()).build())
                    .maxConcurrency(task.concurrency())
                    .timeout(task.timeout())
                    .pricing(task.pricing())
                    .budget(settings.budget())
                    .cache(CallCache.inMemory())
                    .build()
                    .optimize();
            return new Outcome(r.bestPrompt(), r.total(), r.elapsed().toMillis(),
                    r.stopReason().name().toLowerCase(Locale.ROOT));
        }
    }

    /** ProTeGi with the paper's settings; its rounds are the shared iteration count. */
    static final class ProTeGiColumn implements Optimizer {
        public String key() { return PROTEGI; }
        public String label() { return "ProTeGi"; }

        public Outcome optimize(BenchTask task, BenchSettings settings) {
            long start = System.nanoTime();
            try (PeerContext context = PeerContext.open(task.task(), task.models(), task.pricing(), settings.budget(),
                    task.concurrency(), task.timeout(), settings.seed())) {
                PeerOutcome o = new ProTeGi(context, ProTeGiOptions.paper().withRounds(settings.iterations())
                        .withSeed(settings.seed())).run(task.split());
                return new Outcome(o.best(), context.usage(), (System.nanoTime() - start) / 1_000_000, o.stopReason());
            }
        }
    }
}

package dev.gradsum;

import dev.gradsum.llm.Budget;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallListener;
import dev.gradsum.llm.ModelRoles;
import dev.gradsum.llm.Pricing;
import dev.gradsum.llm.RetryPolicy;
import dev.gradsum.llm.Role;
import dev.gradsum.llm.Sleeper;
import dev.gradsum.llm.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.MetaPrompts;
import dev.gradsum.search.BeamSearch;
import dev.gradsum.search.SearchListener;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.search.SearchOutcome;
import dev.gradsum.task.Dataset;
import dev.gradsum.task.Example;
import dev.gradsum.task.PromptTemplate;
import dev.gradsum.task.Split;
import dev.gradsum.task.Task;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * GRAD-SUM prompt optimization. Build once, then {@link #optimize()}:
 * <pre>{@code
 * OptimizationResult r = GradSum.builder()
 *     .task(task)
 *     .models(ModelRoles.of(chatModel))
 *     .dataset(Dataset.load(Path.of("data.jsonl")))
 *     .build()
 *     .optimize();
 * System.out.println(r.bestPrompt().text());
 * }</pre>
 * Each {@link #optimize()} or {@link #evaluate} call is a run of its own: a fresh usage account and
 * budget, one pool of daemon threads shut down at its end. The call cache is shared by all runs of an
 * instance (and with any instance given the same cache).
 */
public final class GradSum {
    private final Builder settings;
    private final Split split;

    private GradSum(Builder settings, Split split) {
        this.settings = settings;
        this.split = split;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's settings, to change a few and build another. */
    public Builder toBuilder() {
        return new Builder(settings);
    }

    /**
     * Runs the beam search and the final test. Never throws for model failures the search can absorb:
     * a row whose call failed is an evaluation error, a beam prompt whose gradient, summary or edit
     * call failed gets no children (noted in {@link dev.gradsum.search.Iteration#dropped()}). A budget
     * limit ends the run early with the best prompt so far ({@code BUDGET}; the test is left out when
     * the budget cannot pay for it); interrupting the calling thread ends it with {@code INTERRUPTED},
     * without the test, and the interrupt is consumed so the caller can still write its outputs.
     */
    public OptimizationResult optimize() {
        long start = System.nanoTime();
        try (RunContext run = RunContext.open(settings)) {
            SearchOutcome o = new BeamSearch(settings.task, run.modules, settings.options, run.executor,
                    settings.listeners).run(split);
            return new OptimizationResult(o.initial(), o.best(), o.test(), o.iterations(), o.candidates(),
                    o.stopReason(), run.callPath.usage(), run.callPath.total(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Generates and rates {@code prompt} on {@code rows} (for {@code gradsum eval}). */
    public List<Evaluation> evaluate(PromptTemplate prompt, List<Example> rows) {
        try (RunContext run = RunContext.open(settings)) {
            return run.modules.evaluator().evaluate(run.modules.generator().generate(prompt, rows));
        }
    }

    /** The split this instance uses (given, or cut from the dataset with the seed). */
    public Split split() {
        return split;
    }

    public Task task() {
        return settings.task;
    }

    public SearchOptions options() {
        return settings.options;
    }

    /**
     * Configures a {@link GradSum}. Required: {@link #task}, {@link #models}, and either a
     * {@link #dataset} or a ready {@link #split}. Everything else has a default: the search knobs are
     * {@link SearchOptions#defaults()} (the paper's beam 3 and 10 iterations), pricing
     * {@link Pricing#defaults()}, no budget, an in-memory call cache, the built-in meta-prompts, the
     * call path's concurrency limit, timeout and retry policy. Bad values are a
     * {@link ConfigurationException} naming the setting.
     */
    public static final class Builder {
        Task task;
        ModelRoles models;
        Dataset dataset;
        int[] splitSizes;
        Split split;
        SearchOptions options = SearchOptions.defaults();
        Integer maxConcurrency;
        final Map<String, Integer> providerConcurrency = new LinkedHashMap<>();
        final Map<ChatModel, String> limitGroups = new IdentityHashMap<>();
        RetryPolicy retryPolicy = RetryPolicy.defaults();
        Duration timeout;
        boolean modelsTimeOut;
        Sleeper sleeper = Sleeper.system();
        Pricing pricing;
        Budget budget = Budget.unlimited();
        Map<Role, Usage> spentBefore = Map.of();
        CallCache cache;
        MetaPrompts metaPrompts;
        final List<SearchListener> listeners = new ArrayList<>();
        final List<CallListener> callListeners = new ArrayList<>();

        private Builder() {
        }

        private Builder(Builder o) {
            task = o.task;
            models = o.models;
            dataset = o.dataset;
            splitSizes = o.splitSizes;
            split = o.split;
            options = o.options;
            maxConcurrency = o.maxConcurrency;
            providerConcurrency.putAll(o.providerConcurrency);
            limitGroups.putAll(o.limitGroups);
            retryPolicy = o.retryPolicy;
            timeout = o.timeout;
            modelsTimeOut = o.modelsTimeOut;
            sleeper = o.sleeper;
            pricing = o.pricing;
            budget = o.budget;
            spentBefore = o.spentBefore;
            cache = o.cache;
            metaPrompts = o.metaPrompts;
            listeners.addAll(o.listeners);
            callListeners.addAll(o.callListeners);
        }

        /** Required. */
        public Builder task(Task task) { this.task = Objects.requireNonNull(task, "task"); return this; }
        /** Required. */
        public Builder models(ModelRoles models) { this.models = Objects.requireNonNull(models, "models"); return this; }
        /** Rows to split with {@link #splitSizes}; or give a ready {@link #split}. */
        public Builder dataset(Dataset dataset) { this.dataset = Objects.requireNonNull(dataset, "dataset"); return this; }

        /**
         * Rows for train, validation and test, cut from the {@link #dataset} with the seed; more rows
         * than the dataset has is a ConfigurationException. Default: train 30, validation 30, test the
         * rest up to 100; with fewer than 90 rows, train and validation get a third of the rows each
         * (at least one) and test the rest.
         */
        public Builder splitSizes(int train, int validation, int test) {
            if (train < 1 || validation < 1 || test < 0) {
                throw new ConfigurationException("splitSizes: train and validation must be >= 1 and test >= 0, was "
                        + train + ", " + validation + ", " + test);
            }
            this.splitSizes = new int[] {train, validation, test};
            return this;
        }

        public Builder split(Split split) { this.split = Objects.requireNonNull(split, "split"); return this; }
        public Builder options(SearchOptions options) { this.options = Objects.requireNonNull(options, "options"); return this; }
        public Builder beamSize(int v) { return knob(o -> o.withBeamSize(v)); }
        public Builder iterations(int v) { return knob(o -> o.withIterations(v)); }
        public Builder candidatesPerPrompt(int v) { return knob(o -> o.withCandidatesPerPrompt(v)); }
        public Builder minibatchSize(int v) { return knob(o -> o.withMinibatchSize(v)); }
        public Builder patience(int v) { return knob(o -> o.withPatience(v)); }
        public Builder summarize(boolean v) { return knob(o -> o.withSummarize(v)); }
        public Builder bootstrapSamples(int v) { return knob(o -> o.withBootstrapSamples(v)); }
        /** Seeds the split, minibatch sampling, backoff jitter and the bootstrap, so a run replays. */
        public Builder seed(long seed) { return knob(o -> o.withSeed(seed)); }

        public Builder maxConcurrency(int max) {
            this.maxConcurrency = atLeastOne(max, "maxConcurrency");
            return this;
        }

        public Builder maxConcurrency(String provider, int max) {
            providerConcurrency.put(Objects.requireNonNull(provider, "provider"),
                    atLeastOne(max, "maxConcurrency(" + provider + ")"));
            return this;
        }

        /**
         * Counts {@code model}'s calls against the concurrency limit named {@code group}
         * ({@link #maxConcurrency(String, int)}) rather than its provider's, e.g. to give a local server
         * and a hosted API that both speak OpenAI's protocol limits of their own.
         */
        public Builder limitGroup(ChatModel model, String group) {
            limitGroups.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(group, "group"));
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) { this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy"); return this; }

        /** Per-attempt timeout of a model call. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new ConfigurationException("timeout must be > 0, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Declares that the models time out on their own (LangChain4j HTTP clients built with
         * {@code timeout(...)}): each attempt then runs on the calling thread instead of a worker that
         * enforces {@link #timeout}, saving two thread hand-overs per call. Off by default; leave it off
         * for a model that may hang.
         */
        public Builder modelsTimeOut(boolean modelsTimeOut) {
            this.modelsTimeOut = modelsTimeOut;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) { this.sleeper = Objects.requireNonNull(sleeper, "sleeper"); return this; }
        public Builder pricing(Pricing pricing) { this.pricing = Objects.requireNonNull(pricing, "pricing"); return this; }
        public Builder budget(Budget budget) { this.budget = Objects.requireNonNull(budget, "budget"); return this; }

        /**
         * What earlier attempts of this run spent, per role (a resumed run: see
         * {@code SqliteStore.spentByRole}). Each run's account starts from it, so the budget holds across
         * a crash and the result's usage covers the whole run.
         */
        public Builder spentBefore(Map<Role, Usage> spent) {
            this.spentBefore = Map.copyOf(Objects.requireNonNull(spent, "spentBefore"));
            return this;
        }

        public Builder cache(CallCache cache) { this.cache = Objects.requireNonNull(cache, "cache"); return this; }
        public Builder metaPrompts(MetaPrompts prompts) { this.metaPrompts = Objects.requireNonNull(prompts, "metaPrompts"); return this; }
        /** May be called several times; all are told. */
        public Builder listener(SearchListener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); return this; }
        /** May be called several times; all are told. */
        public Builder callListener(CallListener listener) { callListeners.add(Objects.requireNonNull(listener, "callListener")); return this; }

        /** Checks the settings and cuts the split. */
        public GradSum build() {
            List<String> missing = new ArrayList<>();
            if (task == null) missing.add("task(...)");
            if (models == null) missing.add("models(...)");
            if (dataset == null && split == null) missing.add("dataset(...) or split(...)");
            if (!missing.isEmpty()) {
                throw new ConfigurationException("GradSum.builder(): missing " + String.join(", ", missing));
            }
            if (dataset != null && split != null) {
                throw new ConfigurationException("GradSum.builder(): give dataset(...) or split(...), not both");
            }
            if (split != null && splitSizes != null) {
                throw new ConfigurationException("GradSum.builder(): splitSizes(...) applies to a dataset, not to a ready split");
            }
            Split cut = split != null ? split : SplitCheck.cut(dataset, splitSizes, options.seed());
            SplitCheck.check(task, cut, options, dataset == null ? "split" : dataset.name());
            Builder frozen = new Builder(this);
            frozen.pricing = pricing != null ? pricing : Pricing.defaults();
            frozen.cache = cache != null ? cache : CallCache.inMemory();
            frozen.metaPrompts = metaPrompts != null ? metaPrompts : MetaPrompts.defaults();
            return new GradSum(frozen, cut);
        }

        private Builder knob(UnaryOperator<SearchOptions> change) {
            try {
                options = change.apply(options);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage(), e);
            }
            return this;
        }

        private static int atLeastOne(int v, String name) {
            if (v < 1) {
                throw new ConfigurationException(name + " must be >= 1, was " + v);
            }
            return v;
        }
    }
}

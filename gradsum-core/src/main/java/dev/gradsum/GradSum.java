package dev.gradsum;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.engine.BeamSearch;
import dev.gradsum.engine.Scores;
import dev.gradsum.engine.SearchListener;
import dev.gradsum.engine.SearchOutcome;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.exception.GradSumException;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallListener;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.Sleeper;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.recording.RunRecording;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.store.RunStatus;
import dev.gradsum.store.RunSummary;
import dev.gradsum.store.SqliteStore;
import dev.gradsum.task.Task;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
 * instance (and with any instance given the same cache). An instance holds one immutable settings value;
 * {@link #toBuilder()} starts a builder from it to change a few.
 */
public final class GradSum {
    private final Settings settings;

    private GradSum(Settings settings) {
        this.settings = settings;
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
     * without the test, and the interrupt is consumed so the caller can still write its outputs. A call
     * failure that every call will get (a refused key, an unknown model, a server that cannot be reached)
     * stops the run at once: {@link GradSumException} with that failure's one line. With a
     * {@link Builder#store store}, the run is recorded there as a new run ({@link #startRun()}).
     */
    public OptimizationResult optimize() {
        return settings.store() != null ? startRun().optimize() : run(settings);
    }

    /**
     * Starts a new run recorded in the {@link Builder#store store}, under a fresh id; call
     * {@link OptimizationRun#optimize()} on it.
     *
     * @throws ConfigurationException without a store
     */
    public OptimizationRun startRun() {
        return startRun(Instant.now(), id -> false);
    }

    /**
     * As {@link #startRun()}, started at {@code started} (it names the run), under an id that neither the
     * store nor {@code idTaken} has (for instance: a folder of that name already exists).
     */
    public OptimizationRun startRun(Instant started, Predicate<String> idTaken) {
        SqliteStore store = requireStore("startRun");
        RunRecording recorder = store.startNew(settings.task().name(), runConfiguration(), started, idTaken);
        return new OptimizationRun(settings, store, recorder);
    }

    /**
     * Continues run {@code runId} of the {@link Builder#store store} where it stopped: the settings must be
     * those it was started with (same task, rows, search knobs and models; concurrency, timeouts, retries
     * and budget may change), every call it answered is answered again from the store for free, and the
     * budget counts what earlier attempts spent.
     *
     * @throws ConfigurationException without a store, for an unknown run, a run started with other
     *                                settings, or one running now
     */
    public OptimizationRun resumeRun(String runId) {
        SqliteStore store = requireStore("resumeRun");
        if (store.run(Objects.requireNonNull(runId, "runId")).isEmpty()) {
            throw new ConfigurationException("run " + runId + " is not in the store " + store.path());
        }
        RunRecording recorder = store.start(runId, settings.task().name(), runConfiguration());
        return new OptimizationRun(settings, store, recorder);
    }

    /** {@code resumeRun(runId).optimize()}. */
    public OptimizationResult resume(String runId) {
        return resumeRun(runId).optimize();
    }

    /**
     * Earlier runs of the store with these very settings worth continuing, newest first: stopped or
     * interrupted before they finished, or finished on their budget when this instance's budget loosens
     * that one and leaves room for more calls. Failed runs are left out: what failed them (a refused key,
     * an unknown model) would fail the resume too.
     */
    public List<RunSummary> continuableRuns() {
        SqliteStore store = requireStore("continuableRuns");
        Budget budget = settings.calls().budget();
        return store.continuable(runConfiguration()).stream()
                .filter(run -> run.status() != RunStatus.FINISHED
                        || budget.loosens(store.budget(run.id())) && budget.leavesRoom(store.spent(run.id())))
                .toList();
    }

    /**
     * What a resume must repeat, as the JSON the store keeps with each run: the task, the rows of the split
     * (hashed), the search knobs, each role's model and its default parameters, and the
     * {@link Builder#runLabel labels}.
     */
    public String runConfiguration() {
        return RunIdentity.configJson(settings, settings.runLabels());
    }

    static OptimizationResult run(Settings settings) {
        long start = System.nanoTime();
        try (RunContext run = RunContext.open(settings)) {
            SearchOutcome o = run.stopOnFatalFailure(() -> new BeamSearch(settings.task(), run.modules,
                    settings.options(), run.executor, settings.listeners()).run(settings.split()));
            return new OptimizationResult(o.initial(), o.best(), o.test(), o.iterations(), o.candidates(),
                    o.stopReason(), run.callPath.usage(), run.callPath.total(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private SqliteStore requireStore(String method) {
        if (settings.store() == null) {
            throw new ConfigurationException("GradSum." + method + "(): no store; give one with GradSum.builder().store(...)");
        }
        return settings.store();
    }

    /**
     * Generates and rates {@code prompt} on {@code rows}, each row once (answers come from the cache when
     * they are there), as {@code gradsum eval} does.
     */
    public Evaluated evaluate(PromptTemplate prompt, List<Example> rows) {
        try (RunContext run = RunContext.open(settings)) {
            List<Evaluation> rated = run.stopOnFatalFailure(
                    () -> run.modules.rate(prompt, rows));
            return new Evaluated(rated, run.callPath.usage(), run.callPath.total());
        }
    }

    /**
     * Rates answers given in the data instead of generated ones: each row's {@code answerField} is rated
     * as the target's answer to {@code prompt} filled with that row (no target call), as
     * {@code gradsum judge-check --answers FIELD} does.
     */
    public Evaluated evaluateAnswers(PromptTemplate prompt, List<Example> rows, String answerField) {
        try (RunContext run = RunContext.open(settings)) {
            List<dev.gradsum.modules.Generation> given = rows.stream()
                    .map(r -> new dev.gradsum.modules.Generation(r, prompt.render(r), r.get(answerField) == null ? ""
                            : r.get(answerField), r.get(answerField) == null ? "no field '" + answerField + "'" : null))
                    .toList();
            List<Evaluation> rated = run.stopOnFatalFailure(() -> run.modules.heldOut().evaluator().evaluate(given));
            return new Evaluated(rated, run.callPath.usage(), run.callPath.total());
        }
    }

    /**
     * What {@link #evaluate} measured.
     *
     * @param rows  every row's answer and rating, in the order given
     * @param usage model usage per role
     * @param total usage over all roles
     */
    public record Evaluated(List<Evaluation> rows, Map<Role, Usage> usage, Usage total) {
        public Evaluated {
            rows = List.copyOf(rows);
            usage = Map.copyOf(usage);
        }

        /** The mean score over the rows that could be rated, or {@code null} when none could. */
        public Double score() {
            return Scores.mean(rows);
        }

        /** Rows that could not be rated (their call failed, or the verdict was unusable); left out of {@link #score()}. */
        public int errors() {
            return Scores.errors(rows);
        }

        /** Rows rated. */
        public int rated() {
            return rows.size() - errors();
        }

        /** Rated rows that passed. */
        public int passed() {
            return (int) rows.stream().filter(e -> !e.score().error() && e.score().passed()).count();
        }

        /** Rows whose target call failed for good. */
        public int failedGenerations() {
            return (int) rows.stream().filter(e -> e.generation().failed()).count();
        }
    }

    /** The split this instance uses (given, or cut from the dataset with the seed). */
    public Split split() {
        return settings.split();
    }

    public Task task() {
        return settings.task();
    }

    public SearchOptions options() {
        return settings.options();
    }

    /**
     * The settings of one instance, immutable: what the builder was given, with defaults filled in and
     * the split cut.
     *
     * @param dataset    the dataset given, or {@code null} when a ready split was
     * @param splitSizes the sizes given for the dataset, or {@code null} for the defaults
     * @param split      the split the runs use
     * @param calls      the call path's settings (cache, limits, retries, timeout, pricing, budget, listeners)
     * @param store        where runs are recorded, or {@code null}
     * @param reuseAnswers whether a recorded run answers calls from the store ({@code false}: every call is sent)
     * @param runLabels    what the caller keeps with a recorded run's configuration (e.g. its task file)
     */
    record Settings(Task task, ModelRoles models, Dataset dataset, Split.Sizes splitSizes, Split split,
                    SearchOptions options, MetaPrompts metaPrompts, CallPath.Settings calls,
                    List<SearchListener> listeners, SqliteStore store, boolean reuseAnswers,
                    Map<String, String> runLabels, java.util.function.UnaryOperator<CallCache> cacheLayer) {
        Settings {
            listeners = List.copyOf(listeners);
            runLabels = Map.copyOf(runLabels);
        }

        /**
         * These settings for one attempt of a recorded run: its calls answered from and kept in the store,
         * each paid call counted for the run, the run told of every event, its earlier spending counted.
         */
        Settings recordedBy(RunRecording recorder, Map<Role, Usage> spentBefore) {
            CallPath.Settings wired = calls.toBuilder()
                    .cache(cacheLayer.apply(reuseAnswers ? recorder.cache() : recorder.writeOnlyCache()))
                    .listener(recorder)
                    .spentBefore(spentBefore)
                    .settings();
            List<SearchListener> all = new ArrayList<>(listeners);
            all.add(recorder);
            return new Settings(task, models, dataset, splitSizes, split, options, metaPrompts, wired, all, store,
                    reuseAnswers, runLabels, cacheLayer);
        }
    }

    /**
     * Configures a {@link GradSum}. Required: {@link #task}, {@link #models}, and either a
     * {@link #dataset} or a ready {@link #split}. Everything else has a default: the search knobs are
     * {@link SearchOptions#defaults()} (the paper's beam 3 and 10 iterations), pricing
     * {@link Pricing#defaults()}, no budget, an in-memory call cache, the built-in meta-prompts, the
     * call path's concurrency limit ({@value CallPath#DEFAULT_MAX_CONCURRENCY}), timeout
     * ({@link CallPath#DEFAULT_TIMEOUT}) and retry policy. The search knobs are given either as one
     * {@link #options(SearchOptions)} value or one by one ({@link #beamSize}, {@link #iterations}, …),
     * not both. Bad values are a {@link ConfigurationException} naming the setting.
     */
    public static final class Builder {
        private Task task;
        private ModelRoles models;
        private Dataset dataset;
        private Split.Sizes splitSizes;
        private Split split;
        private SearchOptions options;
        private SearchOptions.Builder knobs = SearchOptions.builder();
        private String firstKnob;
        private CallPath.Builder calls = CallPath.builder();
        private boolean batchLedgerGiven;
        private boolean cacheGiven;
        private boolean cacheCalled;
        private MetaPrompts metaPrompts = MetaPrompts.defaults();
        private final List<SearchListener> listeners = new ArrayList<>();
        private SqliteStore store;
        private boolean reuseAnswers = true;
        private java.util.function.UnaryOperator<CallCache> cacheLayer = c -> c;
        private final Map<String, String> runLabels = new TreeMap<>();

        private Builder() {
        }

        private Builder(Settings s) {
            task = s.task();
            models = s.models();
            dataset = s.dataset();
            splitSizes = s.splitSizes();
            split = s.dataset() == null ? s.split() : null;
            knobs = s.options().toBuilder();
            calls = s.calls().toBuilder();
            cacheGiven = true;
            metaPrompts = s.metaPrompts();
            listeners.addAll(s.listeners());
            store = s.store();
            reuseAnswers = s.reuseAnswers();
            cacheLayer = s.cacheLayer();
            runLabels.putAll(s.runLabels());
        }

        /** Required. */
        public Builder task(Task task) { this.task = Objects.requireNonNull(task, "task"); return this; }
        /** Required. */
        public Builder models(ModelRoles models) { this.models = Objects.requireNonNull(models, "models"); return this; }
        /** Rows to split with {@link #splitSizes}; or give a ready {@link #split}. */
        public Builder dataset(Dataset dataset) { this.dataset = Objects.requireNonNull(dataset, "dataset"); return this; }

        /**
         * Rows for train, validation and test, cut from the {@link #dataset} with the seed; more rows
         * than the dataset has is a ConfigurationException. Default: {@link Split.Sizes#defaults} (train
         * and validation 30 each, at most a third of the rows each, test the rest up to 100).
         */
        public Builder splitSizes(int train, int validation, int test) {
            if (train < 1 || validation < 1 || test < 0) {
                throw new ConfigurationException("splitSizes: train and validation must be >= 1 and test >= 0, was "
                        + train + ", " + validation + ", " + test);
            }
            this.splitSizes = new Split.Sizes(train, validation, test);
            return this;
        }

        public Builder split(Split split) { this.split = Objects.requireNonNull(split, "split"); return this; }

        /** All search knobs at once; not together with the single knobs below ({@link #build()} refuses the mix). */
        public Builder options(SearchOptions options) { this.options = Objects.requireNonNull(options, "options"); return this; }
        public Builder beamSize(int v) { return knob("beamSize", k -> k.beamSize(v)); }
        public Builder iterations(int v) { return knob("iterations", k -> k.iterations(v)); }
        public Builder candidatesPerPrompt(int v) { return knob("candidatesPerPrompt", k -> k.candidatesPerPrompt(v)); }
        public Builder minibatchSize(int v) { return knob("minibatchSize", k -> k.minibatchSize(v)); }
        public Builder patience(int v) { return knob("patience", k -> k.patience(v)); }
        public Builder summarize(boolean v) { return knob("summarize", k -> k.summarize(v)); }
        public Builder bootstrapSamples(int v) { return knob("bootstrapSamples", k -> k.bootstrapSamples(v)); }
        /** Seeds the split, minibatch sampling, backoff jitter and the bootstrap, so a run replays. */
        public Builder seed(long seed) { return knob("seed", k -> k.seed(seed)); }
        // search beyond the paper (see SearchOptions)
        public Builder selection(SearchOptions.Selection v) { return knob("selection", k -> k.selection(v)); }
        public Builder minibatchGate(boolean v) { return knob("minibatchGate", k -> k.minibatchGate(v)); }
        public Builder validation(SearchOptions.Validation v) { return knob("validation", k -> k.validation(v)); }
        public Builder judgeSamples(int v) { return knob("judgeSamples", k -> k.judgeSamples(v)); }
        public Builder minConfidence(double v) { return knob("minConfidence", k -> k.minConfidence(v)); }
        /** Whether the search stops when nothing is left to learn (default on; {@code StopReason.NOTHING_TO_LEARN}). */
        public Builder stopWhenLearned(boolean v) { return knob("stopWhenLearned", k -> k.stopWhenLearned(v)); }

        /** Most model calls in flight per provider or limit group (default {@value CallPath#DEFAULT_MAX_CONCURRENCY}). */
        public Builder maxConcurrency(int max) { calls.maxConcurrency(max); return this; }

        /** Most calls in flight for one provider name or {@link #limitGroup limit group}. */
        public Builder maxConcurrency(String group, int max) { calls.maxConcurrency(group, max); return this; }

        /**
         * Counts {@code model}'s calls against the concurrency limit named {@code group}
         * ({@link #maxConcurrency(String, int)}) rather than its provider's, e.g. to give a local server
         * and a hosted API that both speak OpenAI's protocol limits of their own.
         */
        public Builder limitGroup(ChatModel model, String group) { calls.limitGroup(model, group); return this; }

        public Builder retryPolicy(RetryPolicy policy) { calls.retryPolicy(policy); return this; }

        /**
         * The run stops when more than this share of a role's latest calls failed for good (default
         * {@value CallPath#DEFAULT_MAX_ERROR_RATE}); see {@link CallPath.Builder#maxErrorRate}.
         */
        public Builder maxErrorRate(double rate) { calls.maxErrorRate(rate); return this; }

        /** Per-attempt timeout of a model call (default {@link CallPath#DEFAULT_TIMEOUT}). */
        public Builder timeout(Duration timeout) { calls.timeout(timeout); return this; }

        /**
         * Declares that the models time out on their own (LangChain4j HTTP clients built with
         * {@code timeout(...)}): each attempt then runs on the calling thread instead of a worker that
         * enforces {@link #timeout}, saving two thread hand-overs per call. Off by default; leave it off
         * for a model that may hang.
         */
        public Builder modelsTimeOut(boolean modelsTimeOut) { calls.modelsTimeOut(modelsTimeOut); return this; }

        public Builder sleeper(Sleeper sleeper) { calls.sleeper(sleeper); return this; }
        public Builder pricing(Pricing pricing) { calls.pricing(pricing); return this; }
        public Builder budget(Budget budget) { calls.budget(budget); return this; }

        /**
         * What earlier attempts of this run spent, per role (a resumed run: see
         * {@code SqliteStore.spentByRole}). Each run's account starts from it, so the budget holds across
         * a crash and the result's usage covers the whole run.
         */
        public Builder spentBefore(Map<Role, Usage> spent) { calls.spentBefore(spent); return this; }

        /** Where answered calls are kept (default: in memory, one cache per built instance). */
        public Builder cache(CallCache cache) { calls.cache(cache); cacheGiven = true; cacheCalled = true; return this; }
        public Builder metaPrompts(MetaPrompts prompts) { this.metaPrompts = Objects.requireNonNull(prompts, "metaPrompts"); return this; }
        /** May be called several times; all are told. */
        public Builder listener(SearchListener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); return this; }
        /** May be called several times; all are told. */
        public Builder callListener(CallListener listener) { calls.listener(listener); return this; }

        /**
         * Sends {@code model}'s calls of the validation and test ratings (and of {@link GradSum#evaluate}) as
         * provider batches through {@code api}, at the batch price; training, gradient, summary and edit calls
         * stay online. With a {@link #store store}, submitted batches are kept there and polled again by a
         * rerun or a resumed run, never submitted twice.
         */
        public Builder batchApi(ChatModel model, dev.gradsum.llm.BatchApi api) { calls.batchApi(model, api); return this; }

        /** Polling interval, gathering and what happens to failed batch requests (default {@code BatchOptions.defaults()}). */
        public Builder batchOptions(dev.gradsum.llm.BatchOptions options) { calls.batchOptions(options); return this; }

        /** Where submitted batches are kept when not in the {@link #store store} (e.g. a store used as a plain cache). */
        public Builder batchLedger(dev.gradsum.llm.BatchLedger ledger) { calls.batchLedger(ledger); batchLedgerGiven = true; return this; }

        /**
         * Records runs in {@code store} ({@link GradSum#optimize()}, {@link GradSum#startRun()}) so they can be
         * listed, reported and resumed ({@link GradSum#resume(String)}); a recorded run's calls are answered
         * from and kept in the store, which replaces {@link #cache} for it. The caller closes the store.
         */
        public Builder store(SqliteStore store) { this.store = Objects.requireNonNull(store, "store"); return this; }

        /**
         * Whether a recorded run answers calls from the store (default {@code true}); {@code false} sends
         * every call again and still keeps every reply.
         */
        public Builder reuseAnswers(boolean reuse) { this.reuseAnswers = reuse; return this; }

        /**
         * Wraps the cache a recorded run's calls go through (its {@link #store store}'s), on each attempt:
         * for instance {@code c -> CallCache.recording(c, file)} writes the run's answered calls down,
         * {@code c -> CallCache.replaying(file)} answers only from such a file. Default: the cache itself.
         */
        public Builder cacheLayer(java.util.function.UnaryOperator<CallCache> layer) {
            this.cacheLayer = Objects.requireNonNull(layer, "layer");
            return this;
        }

        /**
         * Keeps {@code key: value} with a recorded run's configuration (for instance the file it was described
         * in): a resume must give the same labels.
         */
        public Builder runLabel(String key, String value) {
            runLabels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

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
            if (options != null && firstKnob != null) {
                throw new ConfigurationException("GradSum.builder(): options(...) and " + firstKnob + "(...) are both set;"
                        + " set every search knob on the SearchOptions given to options(...), or none of them there");
            }
            if (store != null && cacheCalled) {
                throw new ConfigurationException("GradSum.builder(): store(...) and cache(...) are both set;"
                        + " a recorded run's cache is its store: give one of them");
            }
            SearchOptions chosen = options != null ? options : knobs.build();
            Split cut = split != null ? split : SplitCheck.cut(dataset, splitSizes, chosen.seed());
            SplitCheck.check(task, cut, chosen, dataset == null ? "split" : dataset.name());
            if (!cacheGiven) {
                calls.cache(CallCache.inMemory()); // each built instance its own
            }
            if (store != null && !batchLedgerGiven) {
                calls.batchLedger(store); // submitted batches survive the process: none is submitted twice
            }
            CallPath.Settings callSettings = calls.seed(chosen.seed()).settings();
            return new GradSum(new Settings(task, models, dataset, splitSizes, cut, chosen, metaPrompts, callSettings,
                    listeners, store, reuseAnswers, runLabels, cacheLayer));
        }

        private Builder knob(String name, Consumer<SearchOptions.Builder> change) {
            change.accept(knobs);
            if (firstKnob == null) {
                firstKnob = name;
            }
            return this;
        }
    }
}

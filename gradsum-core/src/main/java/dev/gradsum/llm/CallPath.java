package dev.gradsum.llm;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.internal.DaemonThreads;
import dev.gradsum.model.Budget;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pieces shared by every {@link Llm} of one run: call cache, per-provider concurrency limits,
 * retry policy, timeout, sleeper (a seam tests replace), usage account, price table and budget.
 * The settings are an immutable {@link Settings} value; {@link #open(Settings)} gives each run a call
 * path of its own (fresh usage account, limiter and budget). Thread-safe. Close it when the run ends:
 * that stops the daemon threads ({@value #WORKER_THREADS}…) that time out attempts (none unless
 * {@link Builder#modelsTimeOut} is off).
 */
public final class CallPath implements AutoCloseable {
    /** Most calls in flight per limit group unless set (the CLI's {@code search.concurrency} default too). */
    public static final int DEFAULT_MAX_CONCURRENCY = 8;
    /** Per-attempt timeout unless set (the CLI's {@code timeout_seconds} default too). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Above this share of a role's latest calls failed for good, the run stops (the CLI's
     * {@code search.max_error_rate} default too); see {@link Builder#maxErrorRate}.
     */
    public static final double DEFAULT_MAX_ERROR_RATE = 0.5;
    /** The setting a stop on the error rate names ({@link dev.gradsum.exception.GradSumException#setting()}). */
    public static final String MAX_ERROR_RATE_SETTING = "maxErrorRate";
    /** The prefix of {@link #timeoutSetting}. */
    public static final String TIMEOUT_SETTING_PREFIX = "timeout:";

    /** The name prefix of the threads that run one timed attempt each. */
    static final String WORKER_THREADS = "gradsum-llm-";

    final Settings settings;
    final CallCache cache;
    final Retrier retrier;
    final TimedChat timedChat;
    final Pricing pricing;
    final UsageAccount account;
    final BudgetGuard budget;
    final CallListener listener;
    final InFlightCalls inFlight = new InFlightCalls();
    final SystematicFailures systematic;
    /** The slots per server; read by tests (which call holds one when). */
    final ProviderLimiter limiter;
    private final AtomicReference<LlmException> fatal = new AtomicReference<>();
    private volatile Thread runThread;
    private final Map<BatchApi, BatchQueue> batchQueues = new IdentityHashMap<>();

    private CallPath(Settings s) {
        this.settings = s;
        this.cache = s.cache();
        this.pricing = s.pricing();
        List<CallListener> listeners = s.listeners();
        this.listener = new CallListener() {
            @Override
            public void onCall(Role role, LlmReply reply, Usage total) {
                listeners.forEach(l -> l.onCall(role, reply, total));
            }

            @Override
            public void onUnusableReply(UnusableReplyException failure) {
                listeners.forEach(l -> l.onUnusableReply(failure));
            }

            @Override
            public void onBatchProgress(BatchProgress progress) {
                listeners.forEach(l -> l.onBatchProgress(progress));
            }
        };
        this.account = new UsageAccount(s.spentBefore());
        this.budget = new BudgetGuard(s.budget(), account);
        this.systematic = new SystematicFailures(s.maxErrorRate());
        this.limiter = new ProviderLimiter(s.maxConcurrency(), s.groupLimits());
        this.retrier = new Retrier(s.retryPolicy(), new Backoff(s.retryPolicy(), new Random(s.seed())), s.sleeper(), limiter);
        this.timedChat = s.modelsTimeOut() ? TimedChat.onCaller()
                : new TimedChat(Executors.newCachedThreadPool(new DaemonThreads(WORKER_THREADS)), s.timeout());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A call path of its own for one run: usage, budget and concurrency limits start afresh. */
    public static CallPath open(Settings settings) {
        return new CallPath(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * The setting a timed-out call names ({@link LlmException#setting()}): {@code timeout:target} for the
     * target model's, so a command line can say which of its keys sets that model's timeout.
     */
    public static String timeoutSetting(Role role) {
        return TIMEOUT_SETTING_PREFIX + role.key();
    }

    /** An {@link Llm} for {@code role} backed by {@code model}. */
    public Llm llm(Role role, ChatModel model) {
        return new Llm(role, model, this, false);
    }

    /**
     * {@code role}'s calls to {@code model} for the ratings that may go out as provider batches (validation,
     * test, eval): with a {@link Builder#batchApi batch API} a request the cache misses goes into a batch;
     * without one this is {@link #llm}. Training minibatch, gradient, summary and edit calls use
     * {@link #llm}: the loop waits on them. The choice is made per call site, not per stage, because
     * stages overlap (a child's validation starts while another parent is still being edited).
     */
    public Llm batchLlm(Role role, ChatModel model) {
        return new Llm(role, model, this, true);
    }

    /**
     * The batch path of {@code model}, or {@code null} when it has no {@link Builder#batchApi batch API}:
     * one queue per batch API, started at first use (it adopts the ledger's open batches then).
     */
    BatchQueue batchQueue(ChatModel model, String provider, String modelName) {
        BatchApi api = settings.batchApis().get(model);
        if (api == null) {
            return null;
        }
        synchronized (batchQueues) {
            return batchQueues.computeIfAbsent(api, a -> new BatchQueue(a, provider, modelName,
                    settings.batchLedger(), settings.batchOptions(), listener));
        }
    }


    /** The concurrency limit {@code model}'s calls count against: its limit group, else its provider name. */
    String limitKey(ChatModel model, String provider) {
        return settings.limitGroups().getOrDefault(model, provider);
    }

    /**
     * The thread running the work these calls serve: it is interrupted at the first failure that will be
     * every call's failure ({@link Failure#fatal}), or when failures one by one turn out systematic
     * ({@code SystematicFailures}: identical refusals in a row, or an error rate above
     * {@link Builder#maxErrorRate}), so the run stops at once rather than finishing with every answer failed.
     */
    public void stopOnFatalFailure(Thread thread) {
        this.runThread = thread;
    }

    /** The first call failure that will be every call's failure, if one happened. */
    public Optional<LlmException> fatalFailure() {
        return Optional.ofNullable(fatal.get());
    }

    /** Throws the failure every call will get, if one happened, instead of sending another call. */
    void throwIfFatal() {
        LlmException f = fatal.get();
        if (f != null) {
            throw f;
        }
    }

    /** Called by an {@link Llm} whose call failed for good with a failure every call will get, or a systematic one. */
    void fatal(LlmException failure) {
        if (fatal.compareAndSet(null, failure)) {
            Thread t = runThread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /** Usage so far per role (roles with no calls are absent). */
    public Map<Role, Usage> usage() {
        return account.byRole();
    }

    /** Usage so far over all roles. */
    public Usage total() {
        return account.total();
    }

    /** Stops the worker threads of timed attempts; calls still running are interrupted. Idempotent. */
    @Override
    public void close() {
        timedChat.close();
        synchronized (batchQueues) {
            batchQueues.values().forEach(BatchQueue::close);
        }
    }

    /**
     * The immutable settings of a call path, made by {@link Builder#settings()}; see the builder's
     * setters for each one's meaning and default.
     *
     * @param groupLimits most calls in flight per limit group or provider name, where not the default
     * @param limitGroups the limit group of a model (by identity), where not its provider name
     */
    public record Settings(CallCache cache, int maxConcurrency, Map<String, Integer> groupLimits,
                           Map<ChatModel, String> limitGroups, RetryPolicy retryPolicy, Duration timeout,
                           boolean modelsTimeOut, Sleeper sleeper, Pricing pricing, Budget budget,
                           Map<Role, Usage> spentBefore, List<CallListener> listeners, long seed,
                           double maxErrorRate, Map<ChatModel, BatchApi> batchApis, BatchLedger batchLedger,
                           BatchOptions batchOptions) {
        public Settings {
            batchApis = Collections.unmodifiableMap(new IdentityHashMap<>(batchApis));
            groupLimits = Map.copyOf(groupLimits);
            limitGroups = Collections.unmodifiableMap(new IdentityHashMap<>(limitGroups));
            spentBefore = Map.copyOf(spentBefore);
            listeners = List.copyOf(listeners);
        }

        /** A builder holding these settings, to change a few. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.cache = cache;
            b.maxConcurrency = maxConcurrency;
            b.groupLimits.putAll(groupLimits);
            b.limitGroups.putAll(limitGroups);
            b.retryPolicy = retryPolicy;
            b.timeout = timeout;
            b.modelsTimeOut = modelsTimeOut;
            b.sleeper = sleeper;
            b.pricing = pricing;
            b.budget = budget;
            b.spentBefore = spentBefore;
            b.listeners.addAll(listeners);
            b.seed = seed;
            b.maxErrorRate = maxErrorRate;
            b.batchApis.putAll(batchApis);
            b.batchLedger = batchLedger;
            b.batchOptions = batchOptions;
            return b;
        }
    }

    /** Configures a {@link CallPath}; every setting has a default. Bad values are a {@link ConfigurationException}. */
    public static final class Builder {
        private CallCache cache = CallCache.inMemory();
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private final Map<String, Integer> groupLimits = new HashMap<>();
        private final Map<ChatModel, String> limitGroups = new IdentityHashMap<>();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Sleeper sleeper = Sleeper.system();
        private Pricing pricing = Pricing.defaults();
        private Budget budget = Budget.unlimited();
        private final List<CallListener> listeners = new ArrayList<>();
        private long seed;
        private boolean modelsTimeOut;
        private Map<Role, Usage> spentBefore = Map.of();
        private double maxErrorRate = DEFAULT_MAX_ERROR_RATE;
        private final Map<ChatModel, BatchApi> batchApis = new IdentityHashMap<>();
        private BatchLedger batchLedger;
        private BatchOptions batchOptions = BatchOptions.defaults();

        private Builder() {
        }

        /** Where answered calls are kept (default: in memory for this process). */
        public Builder cache(CallCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Most calls in flight per provider or limit group (default {@value CallPath#DEFAULT_MAX_CONCURRENCY}). */
        public Builder maxConcurrency(int max) {
            this.maxConcurrency = positive(max, "maxConcurrency");
            return this;
        }

        /** Override for one provider name (e.g. {@code OPEN_AI}) or {@link #limitGroup limit group}. */
        public Builder maxConcurrency(String group, int max) {
            groupLimits.put(Objects.requireNonNull(group, "group"), positive(max, "maxConcurrency(" + group + ")"));
            return this;
        }

        /**
         * Counts {@code model}'s calls against the limit of {@code group} (set with
         * {@link #maxConcurrency(String, int)}) instead of its provider name's. Servers that report the same
         * provider, such as a local Ollama and OpenAI (both {@code OPEN_AI} to LangChain4j), get limits of
         * their own this way.
         */
        public Builder limitGroup(ChatModel model, String group) {
            limitGroups.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(group, "group"));
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** Per-attempt timeout (default {@link #DEFAULT_TIMEOUT}, 60 s). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new ConfigurationException("timeout must be > 0, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Declares that every model of this path times out on its own, as LangChain4j's HTTP clients
         * built with {@code timeout(...)} do (the CLI builds its models so): attempts then run on the
         * calling thread, without the hand-over to a worker thread that enforces {@link #timeout}, and
         * {@link #timeout} is not applied. Leave it off (the default) for a model that may hang.
         */
        public Builder modelsTimeOut(boolean modelsTimeOut) {
            this.modelsTimeOut = modelsTimeOut;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder pricing(Pricing pricing) {
            this.pricing = Objects.requireNonNull(pricing, "pricing");
            return this;
        }

        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Told of every finished call (progress display, stores); may be called several times, all are told. */
        public Builder listener(CallListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Seed for backoff jitter. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Usage this run spent before (a resumed run): it starts the account, so totals and the
         * budget include it.
         */
        public Builder spentBefore(Map<Role, Usage> usage) {
            this.spentBefore = Map.copyOf(Objects.requireNonNull(usage, "spentBefore"));
            return this;
        }

        /**
         * The run stops when more than this share of a role's latest calls failed for good (default
         * {@value CallPath#DEFAULT_MAX_ERROR_RATE}); 1 never stops on the rate. See {@code SystematicFailures}
         * for the window and the identical-failure rule.
         */
        public Builder maxErrorRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new ConfigurationException(MAX_ERROR_RATE_SETTING, "maxErrorRate must be in [0, 1], was " + rate, null);
            }
            this.maxErrorRate = rate;
            return this;
        }

        /**
         * Sends {@code model}'s calls of the held-out ratings (validation, test, eval: {@link CallPath#batchLlm})
         * through {@code api} as provider batches, at the batch price ({@link Pricing#batchCost}).
         */
        public Builder batchApi(ChatModel model, BatchApi api) {
            batchApis.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(api, "api"));
            return this;
        }

        /** Where submitted batches are kept so none is submitted twice (default: in memory; the store when recorded). */
        public Builder batchLedger(BatchLedger ledger) {
            this.batchLedger = Objects.requireNonNull(ledger, "batchLedger");
            return this;
        }

        /** Polling interval, gathering, batch size and what happens to failed requests (default {@link BatchOptions#defaults()}). */
        public Builder batchOptions(BatchOptions options) {
            this.batchOptions = Objects.requireNonNull(options, "batchOptions");
            return this;
        }

        /** The settings as they stand, immutable. */
        public Settings settings() {
            return new Settings(cache, maxConcurrency, groupLimits, limitGroups, retryPolicy, timeout, modelsTimeOut,
                    sleeper, pricing, budget, spentBefore, listeners, seed, maxErrorRate, batchApis,
                    batchLedger == null ? BatchLedger.inMemory() : batchLedger, batchOptions);
        }

        public CallPath build() {
            return open(settings());
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new ConfigurationException(name + " must be >= 1, was " + value);
            }
            return value;
        }
    }
}

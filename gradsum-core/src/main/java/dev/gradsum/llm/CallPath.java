package dev.gradsum.llm;

import dev.gradsum.internal.DaemonThreads;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * The pieces shared by every {@link Llm} of one run: call cache, per-provider concurrency limits,
 * retry policy, timeout, sleeper (a seam tests replace), usage account, price table and budget.
 * Build one per run; thread-safe. Close it when the run ends: that stops the daemon threads
 * ({@value #WORKER_THREADS}…) that time out attempts (none unless {@link Builder#modelsTimeOut} is off).
 */
public final class CallPath implements AutoCloseable {
    /** The name prefix of the threads that run one timed attempt each. */
    static final String WORKER_THREADS = "gradsum-llm-";

    final CallCache cache;
    final Retrier retrier;
    final TimedChat timedChat;
    final Pricing pricing;
    final UsageAccount account;
    final BudgetGuard budget;
    final CallListener listener;
    final InFlightCalls inFlight = new InFlightCalls();
    private final Map<ChatModel, String> limitGroups;

    private CallPath(Builder b) {
        this.cache = b.cache;
        this.pricing = b.pricing;
        this.listener = b.listener;
        this.limitGroups = new IdentityHashMap<>(b.limitGroups);
        this.account = new UsageAccount(b.spentBefore);
        this.budget = new BudgetGuard(b.budget, account);
        ProviderLimiter limiter = new ProviderLimiter(b.maxConcurrency, b.providerLimits);
        this.retrier = new Retrier(b.retryPolicy, new Backoff(b.retryPolicy, new Random(b.seed)), b.sleeper, limiter);
        this.timedChat = b.modelsTimeOut ? TimedChat.onCaller()
                : new TimedChat(Executors.newCachedThreadPool(new DaemonThreads(WORKER_THREADS)), b.timeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An {@link Llm} for {@code role} backed by {@code model}. */
    public Llm llm(Role role, ChatModel model) {
        return new Llm(role, model, this);
    }

    /** The concurrency limit {@code model}'s calls count against: its limit group, else its provider name. */
    String limitKey(ChatModel model, String provider) {
        return limitGroups.getOrDefault(model, provider);
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
    }

    /** Configures a {@link CallPath}; every setting has a default. */
    public static final class Builder {
        private CallCache cache = CallCache.inMemory();
        private int maxConcurrency = 8;
        private final Map<String, Integer> providerLimits = new HashMap<>();
        private final Map<ChatModel, String> limitGroups = new IdentityHashMap<>();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration timeout = Duration.ofSeconds(120);
        private Sleeper sleeper = Sleeper.system();
        private Pricing pricing = Pricing.defaults();
        private Budget budget = Budget.unlimited();
        private CallListener listener = (role, reply, total) -> { };
        private long seed;
        private boolean modelsTimeOut;
        private Map<Role, Usage> spentBefore = Map.of();

        private Builder() {
        }

        /** Where answered calls are kept (default: in memory for this process). */
        public Builder cache(CallCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Most calls in flight per provider (default 8). */
        public Builder maxConcurrency(int max) {
            this.maxConcurrency = positive(max, "maxConcurrency");
            return this;
        }

        /** Override for one provider name (e.g. {@code OPEN_AI}). */
        public Builder maxConcurrency(String provider, int max) {
            providerLimits.put(Objects.requireNonNull(provider, "provider"), positive(max, "maxConcurrency(" + provider + ")"));
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

        /** Per-attempt timeout (default 120 s). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
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

        /** Told of every finished call (progress display, stores). */
        public Builder listener(CallListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
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
            this.spentBefore = Map.copyOf(Objects.requireNonNull(usage, "usage"));
            return this;
        }

        public CallPath build() {
            return new CallPath(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + value);
            }
            return value;
        }
    }
}

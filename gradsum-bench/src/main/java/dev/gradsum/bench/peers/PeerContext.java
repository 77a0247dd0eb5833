package dev.gradsum.bench.peers;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.internal.DaemonThreads;
import dev.gradsum.internal.Fanout;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.Llm;
import dev.gradsum.metric.Metric;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Evaluator;
import dev.gradsum.modules.Generator;
import dev.gradsum.modules.LlmJudge;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * What one peer-method run (or one rating of prompts) owns, built from gradsum's own pieces exactly as
 * a GRAD-SUM run builds them: one {@link CallPath} (cache, concurrency limit, retry, budget, usage),
 * an {@link Llm} per role, the core's {@link Generator} and {@link Evaluator} (with the task's metric
 * or gradsum's LLM judge), and an unbounded executor of daemon threads. Close shuts down both pools
 * (the executor and the call path's).
 */
public final class PeerContext implements AutoCloseable {
    private final Task task;
    private final CallPath callPath;
    private final ExecutorService executor;
    private final Generator generator;
    private final Evaluator evaluator;
    private final Llm gradient;
    private final Llm editor;

    private PeerContext(Task task, ModelRoles models, CallPath callPath) {
        this.task = task;
        this.callPath = callPath;
        this.executor = Executors.newCachedThreadPool(new DaemonThreads("gradsum-peer-"));
        Metric metric = task.metric() != null ? task.metric()
                : new LlmJudge(callPath.llm(Role.JUDGE, models.model(Role.JUDGE)), task.criteria(), task.description(),
                        MetaPrompts.defaults());
        this.generator = new Generator(callPath.llm(Role.TARGET, models.model(Role.TARGET)), executor);
        this.evaluator = new Evaluator(metric, executor);
        this.gradient = callPath.llm(Role.GRADIENT, models.model(Role.GRADIENT));
        this.editor = callPath.llm(Role.EDITOR, models.model(Role.EDITOR));
    }

    /**
     * A context with its own in-memory call cache and usage account.
     *
     * @param concurrency most calls in flight per provider
     */
    public static PeerContext open(Task task, ModelRoles models, Pricing pricing, Budget budget, int concurrency,
                                   Duration timeout, long seed) {
        CallPath path = CallPath.builder()
                .cache(CallCache.inMemory())
                .pricing(pricing)
                .budget(budget)
                .maxConcurrency(concurrency)
                .timeout(timeout)
                .seed(seed)
                .build();
        return new PeerContext(task, models, path);
    }

    /** Generates and rates {@code prompt} on {@code rows}, one evaluation per row in order. */
    public List<Evaluation> rate(PromptTemplate prompt, List<Example> rows) {
        return evaluator.evaluate(generator.generate(prompt, rows));
    }

    public Task task() {
        return task;
    }

    public Usage usage() {
        return callPath.total();
    }

    ExecutorService executor() {
        return executor;
    }

    Llm gradient() {
        return gradient;
    }

    Llm editor() {
        return editor;
    }

    /**
     * A step's independent pieces at once on {@code executor}, as {@link Fanout#waitForAll} (every piece
     * ends before the first failure is rethrown); an interrupt becomes an {@link IllegalStateException},
     * with the thread's interrupt flag set again.
     */
    static <T, R> List<R> waitForAll(ExecutorService executor, List<T> items, Function<? super T, ? extends R> work) {
        try {
            return Fanout.waitForAll(executor, items, work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        callPath.close();
    }
}

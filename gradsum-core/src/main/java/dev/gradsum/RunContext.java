package dev.gradsum;

import dev.gradsum.engine.SearchModules;
import dev.gradsum.exception.GradSumException;
import dev.gradsum.internal.DaemonThreads;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmException;
import dev.gradsum.metric.Metric;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import dev.gradsum.modules.Evaluator;
import dev.gradsum.modules.Generator;
import dev.gradsum.modules.GradientGenerator;
import dev.gradsum.modules.GradientSummarizer;
import dev.gradsum.modules.LlmJudge;
import dev.gradsum.modules.PromptEditor;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Task;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What one run of {@link GradSum} owns: its call path (usage account and budget start from what earlier attempts spent, usually zero), one
 * {@link Llm} per role, the five modules, and one executor of daemon threads. Close shuts down every
 * pool the run opened: that executor and the call path's.
 * The executor grows as needed: pieces of work wait on nested pieces, so a fixed pool could deadlock;
 * the call path bounds the calls in flight.
 */
final class RunContext implements AutoCloseable {
    /** The name prefix of the search executor's threads. */
    static final String SEARCH_THREADS = "gradsum-search-";

    final CallPath callPath;
    final ExecutorService executor;
    final SearchModules modules;

    private RunContext(CallPath callPath, ExecutorService executor, SearchModules modules) {
        this.callPath = callPath;
        this.executor = executor;
        this.modules = modules;
    }

    static RunContext open(GradSum.Settings settings) {
        CallPath callPath = CallPath.open(settings.calls());
        callPath.stopOnFatalFailure(Thread.currentThread());
        ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads(SEARCH_THREADS));
        ModelRoles models = settings.models();
        MetaPrompts metaPrompts = settings.metaPrompts();
        Task task = settings.task();
        Llm target = callPath.llm(Role.TARGET, models.model(Role.TARGET));
        // the held-out ratings (validation, test, eval) may go out as provider batches; the rest stays online
        Llm heldOutTarget = callPath.batchLlm(Role.TARGET, models.model(Role.TARGET));
        Metric metric = metric(settings, callPath.llm(Role.JUDGE, models.model(Role.JUDGE)));
        Metric heldOutMetric = metric(settings, callPath.batchLlm(Role.JUDGE, models.model(Role.JUDGE)));
        SearchModules modules = new SearchModules(
                new Generator(target, executor),
                new Evaluator(metric, executor),
                new SearchModules.HeldOut(new Generator(heldOutTarget, executor), new Evaluator(heldOutMetric, executor)),
                new GradientGenerator(callPath.llm(Role.GRADIENT, models.model(Role.GRADIENT)), metaPrompts, executor),
                new GradientSummarizer(callPath.llm(Role.SUMMARIZER, models.model(Role.SUMMARIZER)), metaPrompts),
                new PromptEditor(callPath.llm(Role.EDITOR, models.model(Role.EDITOR)), metaPrompts));
        return new RunContext(callPath, executor, modules);
    }

    /** The task's metric, or else the LLM judge asking through {@code judge}. */
    private static Metric metric(GradSum.Settings settings, Llm judge) {
        Task task = settings.task();
        return task.metric() != null
                ? task.metric()
                : new LlmJudge(judge, task.criteria(), task.description(), settings.metaPrompts(),
                        settings.options().judgeSamples());
    }

    /**
     * Runs {@code work} (the search, or an evaluation) on this thread. When a call failed with a failure
     * every call will get (a refused key, an unknown model, a server that cannot be reached), the work was
     * interrupted at that failure, and it ends with that failure's one line instead of its result.
     *
     * @throws GradSumException the first such failure
     */
    <T> T stopOnFatalFailure(Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            Optional<LlmException> fatal = callPath.fatalFailure();
            if (fatal.isEmpty()) {
                throw e;
            }
            throw stopped(fatal.get(), e);
        }
        Optional<LlmException> fatal = callPath.fatalFailure();
        if (fatal.isPresent()) {
            throw stopped(fatal.get(), null);
        }
        return result;
    }

    private static GradSumException stopped(LlmException fatal, RuntimeException interrupted) {
        Thread.interrupted(); // the interrupt was ours, to stop the work: consumed
        GradSumException e = new GradSumException(fatal.setting().orElse(null), fatal.getMessage(), fatal);
        if (interrupted != null && interrupted != fatal) {
            e.addSuppressed(interrupted);
        }
        return e;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        callPath.close();
    }
}

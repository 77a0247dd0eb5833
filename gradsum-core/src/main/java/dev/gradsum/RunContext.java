package dev.gradsum;

import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.ModelRoles;
import dev.gradsum.llm.Role;
import dev.gradsum.metric.LlmJudge;
import dev.gradsum.metric.Metric;
import dev.gradsum.modules.Evaluator;
import dev.gradsum.modules.GradientGenerator;
import dev.gradsum.modules.GradientSummarizer;
import dev.gradsum.modules.Generator;
import dev.gradsum.modules.MetaPrompts;
import dev.gradsum.modules.PromptEditor;
import dev.gradsum.search.SearchModules;
import dev.gradsum.task.Task;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one run of {@link GradSum} owns: its call path (usage account and budget start from what earlier attempts spent, usually zero), one
 * {@link Llm} per role, the five modules, and one executor of daemon threads, shut down on close.
 * The executor grows as needed: pieces of work wait on nested pieces, so a fixed pool could deadlock;
 * the call path bounds the calls in flight.
 */
final class RunContext implements AutoCloseable {
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
        ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads());
        ModelRoles models = settings.models();
        MetaPrompts metaPrompts = settings.metaPrompts();
        Task task = settings.task();
        Llm target = callPath.llm(Role.TARGET, models.model(Role.TARGET));
        Metric metric = task.metric() != null
                ? task.metric()
                : new LlmJudge(callPath.llm(Role.JUDGE, models.model(Role.JUDGE)), task.criteria(),
                        task.description(), metaPrompts);
        SearchModules modules = new SearchModules(
                new Generator(target, executor),
                new Evaluator(metric, executor),
                new GradientGenerator(callPath.llm(Role.GRADIENT, models.model(Role.GRADIENT)), metaPrompts, executor),
                new GradientSummarizer(callPath.llm(Role.SUMMARIZER, models.model(Role.SUMMARIZER)), metaPrompts),
                new PromptEditor(callPath.llm(Role.EDITOR, models.model(Role.EDITOR)), metaPrompts));
        return new RunContext(callPath, executor, modules);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "gradsum-search-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}

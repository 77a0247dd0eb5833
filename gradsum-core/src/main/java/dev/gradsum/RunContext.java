package dev.gradsum;

import dev.gradsum.internal.DaemonThreads;
import dev.gradsum.llm.CallListener;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.Role;
import dev.gradsum.metric.LlmJudge;
import dev.gradsum.metric.Metric;
import dev.gradsum.modules.Evaluator;
import dev.gradsum.modules.GradientGenerator;
import dev.gradsum.modules.GradientSummarizer;
import dev.gradsum.modules.Generator;
import dev.gradsum.modules.PromptEditor;
import dev.gradsum.search.SearchModules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

    static RunContext open(GradSum.Builder settings) {
        CallPath callPath = callPath(settings);
        ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads(SEARCH_THREADS));
        Llm target = callPath.llm(Role.TARGET, settings.models.model(Role.TARGET));
        Metric metric = settings.task.metric() != null
                ? settings.task.metric()
                : new LlmJudge(callPath.llm(Role.JUDGE, settings.models.model(Role.JUDGE)), settings.task.criteria(),
                        settings.task.description(), settings.metaPrompts);
        SearchModules modules = new SearchModules(
                new Generator(target, executor),
                new Evaluator(metric, executor),
                new GradientGenerator(callPath.llm(Role.GRADIENT, settings.models.model(Role.GRADIENT)),
                        settings.metaPrompts, executor),
                new GradientSummarizer(callPath.llm(Role.SUMMARIZER, settings.models.model(Role.SUMMARIZER)),
                        settings.metaPrompts),
                new PromptEditor(callPath.llm(Role.EDITOR, settings.models.model(Role.EDITOR)), settings.metaPrompts));
        return new RunContext(callPath, executor, modules);
    }

    private static CallPath callPath(GradSum.Builder s) {
        CallPath.Builder b = CallPath.builder()
                .cache(s.cache)
                .retryPolicy(s.retryPolicy)
                .sleeper(s.sleeper)
                .pricing(s.pricing)
                .budget(s.budget)
                .spentBefore(s.spentBefore)
                .seed(s.options.seed())
                .listener(allOf(s.callListeners));
        if (s.maxConcurrency != null) {
            b.maxConcurrency(s.maxConcurrency);
        }
        for (Map.Entry<String, Integer> limit : s.providerConcurrency.entrySet()) {
            b.maxConcurrency(limit.getKey(), limit.getValue());
        }
        s.limitGroups.forEach(b::limitGroup);
        if (s.timeout != null) {
            b.timeout(s.timeout);
        }
        b.modelsTimeOut(s.modelsTimeOut);
        return b.build();
    }

    private static CallListener allOf(List<CallListener> listeners) {
        List<CallListener> all = List.copyOf(listeners);
        return (role, reply, total) -> all.forEach(l -> l.onCall(role, reply, total));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        callPath.close();
    }
}

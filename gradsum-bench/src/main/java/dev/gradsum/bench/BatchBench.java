package dev.gradsum.bench;

import dev.gradsum.GradSum;
import dev.gradsum.engine.SearchListener;
import dev.gradsum.engine.Stage;
import dev.gradsum.llm.BatchApi;
import dev.gradsum.llm.BatchOptions;
import dev.gradsum.llm.BatchReply;
import dev.gradsum.llm.CallListener;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.simulation.SimulatedWorld;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Option;

/**
 * {@code gradsum-bench batch}: one optimize of the simulated world run twice, every call online, then with
 * {@code batch: true} on the target and the judge, against a batch stub whose batches end
 * {@code batchSeconds} after submission (a real batch takes minutes to hours: compressed to seconds).
 * Online calls take {@code latencyMs} each. Every model is priced as claude-haiku-4-5 ($1 / $5 per million
 * tokens) and reported as Anthropic, so batch answers cost half ({@code Pricing.batchShare}). Prints, per
 * iteration and for the final test, the paid calls, the cost and the wall time of both runs.
 */
final class BatchBench {
    private static final double INPUT_PER_MILLION = 1;
    private static final double OUTPUT_PER_MILLION = 5;

    private final PrintStream out;
    private final long latencyMs;
    private final double batchSeconds;
    private final Map<Boolean, OptimizationResult> results = new HashMap<>();

    BatchBench(PrintStream out, long latencyMs, double batchSeconds) {
        this.out = out;
        this.latencyMs = latencyMs;
        this.batchSeconds = batchSeconds;
    }

    /** What one run measured at each iteration's end and at the end of the final test. */
    private record Mark(String when, long paidCalls, double costUsd, long wallMillis, long batches) {
    }

    void run() {
        List<Mark> online = measure(false);
        List<Mark> batched = measure(true);
        out.printf(Locale.ROOT, "### One optimize of the simulated world (beam 2, 2 iterations, K = 2, train 30,"
                + " validation 30, test 30), online L = %d ms per call, a batch ends %.1f s after submission%n%n",
                latencyMs, batchSeconds);
        out.println("| stage | online: paid calls | online: cost | online: wall time | batch: paid calls (in batches)"
                + " | batch: cost | batch: wall time |");
        out.println("|---|---|---|---|---|---|---|");
        for (int i = 0; i < Math.min(online.size(), batched.size()); i++) {
            Mark a = delta(online, i);
            Mark b = delta(batched, i);
            out.printf(Locale.ROOT, "| %s | %d | $%.4f | %d ms | %d (%d batches) | $%.4f | %d ms |%n", a.when(),
                    a.paidCalls(), a.costUsd(), a.wallMillis(), b.paidCalls(), b.batches(), b.costUsd(), b.wallMillis());
        }
        Mark a = online.get(online.size() - 1);
        Mark b = batched.get(batched.size() - 1);
        out.printf(Locale.ROOT, "| **whole run** | %d | $%.4f | %d ms | %d (%d batches) | $%.4f | %d ms |%n",
                a.paidCalls(), a.costUsd(), a.wallMillis(), b.paidCalls(), b.batches(), b.costUsd(), b.wallMillis());
        out.printf(Locale.ROOT, "%nbatch cost / online cost: %.2f; batch wall time / online: %.2f%n",
                b.costUsd() / a.costUsd(), (double) b.wallMillis() / a.wallMillis());
        out.printf(Locale.ROOT, "best prompt: %s online, %s with batches; its test score %.3f online, %.3f with batches%n",
                results.get(false).best().id(), results.get(true).best().id(),
                results.get(false).test().best(), results.get(true).test().best());
    }

    /** The {@code i}-th mark minus the one before it (the first as it is). */
    private static Mark delta(List<Mark> marks, int i) {
        Mark m = marks.get(i);
        if (i == 0) {
            return m;
        }
        Mark p = marks.get(i - 1);
        return new Mark(m.when(), m.paidCalls() - p.paidCalls(), m.costUsd() - p.costUsd(),
                m.wallMillis() - p.wallMillis(), m.batches() - p.batches());
    }

    private List<Mark> measure(boolean batch) {
        SimulatedWorld world = SimulatedWorld.create();
        Map<ChatModel, ChatModel> slow = new HashMap<>();
        ModelRoles.Builder roles = ModelRoles.builder();
        Pricing pricing = Pricing.none();
        for (Role role : Role.values()) {
            ChatModel simulated = world.models().model(role);
            ChatModel model = slow.computeIfAbsent(simulated, m -> new SlowAnthropicModel(m, latencyMs));
            roles.role(role, model);
            pricing = pricing.with(simulated.defaultRequestParameters().modelName(), INPUT_PER_MILLION, OUTPUT_PER_MILLION);
        }
        ModelRoles models = roles.build();
        List<Mark> marks = new ArrayList<>();
        long start = System.nanoTime();
        Usage[] total = {Usage.ZERO};
        AtomicInteger batches = new AtomicInteger();
        GradSum.Builder b = GradSum.builder().task(world.task()).dataset(world.dataset()).models(models)
                .splitSizes(30, 30, 30).beamSize(2).iterations(2).candidatesPerPrompt(2).minibatchSize(30)
                .patience(2).seed(1).maxConcurrency(32).pricing(pricing)
                .callListener(new CallListener() {
                    @Override
                    public synchronized void onCall(Role role, LlmReply reply, Usage t) {
                        total[0] = t;
                    }
                })
                .listener(new SearchListener() {
                    @Override
                    public void stageStarted(int iteration, Stage stage, int plannedCalls) {
                        if (stage == Stage.TEST) {
                            mark("iteration " + iteration, iteration);
                        }
                    }

                    @Override
                    public void iterationFinished(Iteration it) {
                        mark("iteration " + it.index(), it.index());
                    }

                    private void mark(String when, int index) {
                        if (marks.stream().noneMatch(m -> m.when().equals(when))) {
                            marks.add(new Mark(when, total[0].calls(), total[0].costUsd(),
                                    (System.nanoTime() - start) / 1_000_000, batches.get()));
                        }
                    }
                });
        if (batch) {
            StubBatches api = new StubBatches(Duration.ofMillis(Math.round(batchSeconds * 1000)), batches);
            b.batchApi(models.model(Role.TARGET), api).batchApi(models.model(Role.JUDGE), api)
                    .batchOptions(BatchOptions.defaults().withPollInterval(Duration.ofMillis(250))
                            .withGatherWindow(Duration.ofMillis(250)));
        }
        OptimizationResult result = b.build().optimize();
        results.put(batch, result);
        marks.add(new Mark("final test", result.total().calls(), result.total().costUsd(),
                (System.nanoTime() - start) / 1_000_000, batches.get()));
        return marks;
    }

    /** A simulated model that answers after {@code latencyMs} and presents itself as Anthropic (for the batch price). */
    private record SlowAnthropicModel(ChatModel delegate, long latencyMs) implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return delegate.doChat(request);
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return delegate.defaultRequestParameters();
        }

        @Override
        public ModelProvider provider() {
            return ModelProvider.ANTHROPIC;
        }
    }

    /**
     * A provider batch API in memory: a batch is in progress until {@code latency} after its submission, then
     * completed with every request answered by the model it was submitted for (the simulated one).
     */
    private static final class StubBatches implements BatchApi {
        private final Duration latency;
        private final AtomicInteger count;
        private final Map<String, List<ChatRequest>> requests = new ConcurrentHashMap<>();
        private final Map<String, Long> submitted = new ConcurrentHashMap<>();

        StubBatches(Duration latency, AtomicInteger count) {
            this.latency = latency;
            this.count = count;
        }

        @Override
        public Submission submit(List<ChatRequest> batch) {
            String id = "batch-" + count.incrementAndGet();
            requests.put(id, List.copyOf(batch));
            submitted.put(id, System.nanoTime());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                ids.add(id + "-" + i);
            }
            return new Submission(id, ids);
        }

        @Override
        public Status poll(String batchId, List<String> customIds) {
            if (System.nanoTime() - submitted.get(batchId) < latency.toNanos()) {
                return Status.of(State.IN_PROGRESS);
            }
            Map<String, Result> results = new HashMap<>();
            List<ChatRequest> batch = requests.get(batchId);
            for (int i = 0; i < batch.size(); i++) {
                results.put(customIds.get(i), Result.answered(BatchReply.of(answer(batch.get(i)))));
            }
            return new Status(State.COMPLETED, batch.size(), 0, 0, results);
        }

        /** The simulated world answers by the request's text (its judge judges, its target answers). */
        private static ChatResponse answer(ChatRequest request) {
            return WORLD.models().model(roleOf(request)).doChat(request);
        }

        private static final SimulatedWorld WORLD = SimulatedWorld.create();

        private static Role roleOf(ChatRequest request) {
            String text = request.messages().toString();
            return text.contains("<scale>") ? Role.JUDGE : Role.TARGET;
        }
    }

    /** {@code gradsum-bench batch}. */
    @picocli.CommandLine.Command(name = "batch", mixinStandardHelpOptions = true,
            description = "One optimize of the simulated world online and with provider batches (a batch stub): calls, cost, wall time.")
    static final class Command implements Callable<Integer> {
        @Option(names = "--latency-ms", description = "Latency of an online call, default ${DEFAULT-VALUE}.")
        long latencyMs = 200;

        @Option(names = "--batch-seconds", description = "How long a batch runs, default ${DEFAULT-VALUE}.")
        double batchSeconds = 3;

        @Override
        public Integer call() {
            new BatchBench(System.out, latencyMs, batchSeconds).run();
            return 0;
        }
    }
}

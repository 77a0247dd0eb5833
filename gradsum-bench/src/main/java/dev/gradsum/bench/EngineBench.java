package dev.gradsum.bench;

import dev.gradsum.GradSum;
import dev.gradsum.cli.plan.CallPlan;
import dev.gradsum.cli.plan.RoleEstimate;
import dev.gradsum.cli.provider.ApiKeys;
import dev.gradsum.cli.provider.ChatModels;
import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.engine.SearchListener;
import dev.gradsum.engine.Stage;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.simulation.SimulatedWorld;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Option;

/**
 * The engine benchmark (design §6): how much gradsum's own machinery adds to model latency, measured
 * against a local OpenAI-compatible {@link StubServer} through the production path (a task file,
 * LangChain4j's OpenAI client, gradsum's call path). Prints, as Markdown:
 * <ol>
 *   <li>throughput of N independent calls at concurrency C, measured against the ideal N·L/C;</li>
 *   <li>our overhead per call: gradsum's call path against the bare LangChain4j client on a
 *       zero-latency stub, and measured − L at C = 1;</li>
 *   <li>one optimize iteration's wall time against the lower bound of its dependent stages
 *       (each stage: ceil(calls/C)·L);</li>
 *   <li>calls and tokens per role of that iteration against the {@code gradsum plan} formula;</li>
 *   <li>load time and retained heap of a generated 100,000-row JSONL dataset.</li>
 * </ol>
 * Figures are printed, never asserted: timing on a shared machine varies.
 */
public final class EngineBench {
    /** Timed runs repeated this many times, the best kept: the machine's other load only adds time. */
    static final int REPEATS = 3;

    private final PrintStream out;
    private final long latencyMs;
    private final int rows;

    EngineBench(PrintStream out, long latencyMs, int rows) {
        this.out = out;
        this.latencyMs = latencyMs;
        this.rows = rows;
    }

    void run() throws Exception {
        Path dir = Files.createTempDirectory("gradsum-engine-bench");
        SimulatedWorld world = SimulatedWorld.create();
        ModelRoles simulated = world.models();
        StubServer.Responder asSimulated = (model, system, user) -> answer(simulated, model, system, user);
        try (StubServer stub = new StubServer(latencyMs, 128, asSimulated)) {
            Path taskFile = StubTaskFiles.write(dir, world, stub.baseUrl(), 30, 30, 32);
            TaskFile file = TaskFileReader.read(taskFile, taskFile.toString());
            ModelRoles roles = ChatModels.roles(file.models(), ApiKeys.resolve(file.models(), file.label(), Map.of()));
            out.printf(Locale.ROOT, "# gradsum engine benchmark%n%nStub: OpenAI chat-completions on %s, latency L = %d ms, "
                    + "128 server threads; client: LangChain4j OpenAI via gradsum's task file and call path. "
                    + "Java %s, %d CPUs.%n%n", "127.0.0.1", latencyMs, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            throughput(roles.model(Role.TARGET));
            overhead(stub, roles.model(Role.TARGET));
            stub.latencyMs(latencyMs);
            iteration(file, roles);
        }
        dataset(dir);
    }

    /** Each request answered as the simulated model of the role named by the model would answer it. */
    private static String answer(ModelRoles simulated, String model, String system, String user) {
        for (Role role : Role.values()) {
            if (model.equals(StubTaskFiles.modelName(role))) {
                ChatRequest.Builder request = ChatRequest.builder();
                request.messages(system.isBlank() ? List.of(UserMessage.from(user))
                        : List.of(SystemMessage.from(system), UserMessage.from(user)));
                return simulated.model(role).chat(request.build()).aiMessage().text();
            }
        }
        return "ok";
    }

    // ---- 1. throughput

    private void throughput(ChatModel model) throws Exception {
        out.println("## Throughput of N independent calls at concurrency C (best of " + REPEATS + ")\n");
        out.println("| C | N | gradsum call path | ideal N·L/C | measured/ideal | bare client, C threads | bare/ideal |");
        out.println("|---|---|---|---|---|---|---|");
        long[] limits = {1, 8, 32};
        for (long c : limits) {
            int n = (int) Math.max(16, 8 * c);
            calls(model, (int) c, (int) c * 2, "warm-" + c);
            long nanos = Long.MAX_VALUE;
            long bareNanos = Long.MAX_VALUE;
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                nanos = Math.min(nanos, calls(model, (int) c, n, "run-" + c + "-" + repeat));
                bareNanos = Math.min(bareNanos, bareCalls(model, (int) c, n, "bare-" + c + "-" + repeat));
            }
            double ideal = (double) n * latencyMs / c;
            double measured = nanos / 1e6;
            double bare = bareNanos / 1e6;
            out.printf(Locale.ROOT, "| %d | %d | %.0f ms | %.0f ms | %.3f | %.0f ms | %.3f |%n", c, n, measured, ideal,
                    measured / ideal, bare, bare / ideal);
        }
        out.println();
    }

    /** Wall time of {@code n} distinct calls submitted at once through a call path limited to {@code c}. */
    private long calls(ChatModel model, int c, int n, String tag) throws Exception {
        try (CallPath path = CallPath.builder().cache(CallCache.none()).maxConcurrency(c).pricing(Pricing.none())
                .timeout(Duration.ofSeconds(60)).modelsTimeOut(true).build()) {
            Llm llm = path.llm(Role.TARGET, model);
            return timeAll(Executors.newCachedThreadPool(), n, text -> llm.chat(LlmRequest.user(text)).text(), tag);
        }
    }

    /** The same calls straight to the LangChain4j client from {@code c} threads: what the stub and HTTP stack allow. */
    private static long bareCalls(ChatModel model, int c, int n, String tag) throws Exception {
        return timeAll(Executors.newFixedThreadPool(c), n, model::chat, tag);
    }

    /** Wall time of {@code n} distinct calls submitted at once to {@code pool} (shut down afterwards). */
    private static long timeAll(ExecutorService pool, int n, java.util.function.Function<String, String> call, String tag)
            throws Exception {
        try {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String text = "throughput " + tag + " call " + i;
                work.add(() -> call.apply(text));
            }
            long start = System.nanoTime();
            for (Future<String> f : pool.invokeAll(work)) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- 2. overhead

    private void overhead(StubServer stub, ChatModel model) throws Exception {
        stub.latencyMs(0);
        int n = 2000;
        try (CallPath path = CallPath.builder().cache(CallCache.inMemory()).maxConcurrency(1).pricing(Pricing.defaults())
                .timeout(Duration.ofSeconds(60)).modelsTimeOut(true).build()) {
            Llm llm = path.llm(Role.TARGET, model);
            for (int i = 0; i < 500; i++) {
                llm.chat(LlmRequest.user("warm gradsum " + i));
                model.chat("warm bare " + i);
            }
            long viaGradsum = 0;
            long bare = 0;
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < n / 2; i++) {
                    llm.chat(LlmRequest.user("gradsum " + round + " " + i));
                }
                viaGradsum += System.nanoTime() - start;
                start = System.nanoTime();
                for (int i = 0; i < n / 2; i++) {
                    model.chat("bare " + round + " " + i);
                }
                bare += System.nanoTime() - start;
            }
            long hits = System.nanoTime();
            for (int i = 0; i < n; i++) {
                llm.chat(LlmRequest.user("gradsum 0 " + (i % (n / 2))));
            }
            hits = System.nanoTime() - hits;
            double perGradsum = viaGradsum / 1e6 / n;
            double perBare = bare / 1e6 / n;
            out.println("## Overhead per call (zero-latency stub, C = 1, " + n + " sequential calls each)\n");
            out.println("| path | time per call |");
            out.println("|---|---|");
            out.printf(Locale.ROOT, "| bare LangChain4j OpenAI client → stub (HTTP, JSON) | %.3f ms |%n", perBare);
            out.printf(Locale.ROOT, "| gradsum call path (cache miss + store, budget, limiter, timeout, retry, usage) → same client | %.3f ms |%n",
                    perGradsum);
            out.printf(Locale.ROOT, "| **our overhead** (difference) | **%.3f ms** |%n", perGradsum - perBare);
            out.printf(Locale.ROOT, "| gradsum call answered from the in-memory cache | %.4f ms |%n%n", hits / 1e6 / n);
        }
    }

    // ---- 3 and 4. one iteration

    private void iteration(TaskFile file, ModelRoles roles) {
        TaskSetup setup = TaskSetup.prepare(file);
        int c = 32;
        SearchOptions options = SearchOptions.builder().iterations(1).seed(7).build();
        Map<Stage, Long> started = new EnumMap<>(Stage.class);
        long[] end = new long[1];
        SearchListener timing = new SearchListener() {
            @Override
            public void stageStarted(int iteration, Stage stage, int plannedCalls) {
                started.putIfAbsent(stage, System.nanoTime());
            }

            @Override
            public void iterationFinished(dev.gradsum.search.Iteration iteration) {
                end[0] = System.nanoTime();
            }
        };
        OptimizationResult r = GradSum.builder().task(setup.task()).models(roles).split(setup.split()).options(options)
                .maxConcurrency(c).timeout(Duration.ofSeconds(60)).modelsTimeOut(true).pricing(Pricing.none())
                .cache(CallCache.inMemory()).listener(timing).build().optimize();
        Map<Role, Usage> u = r.usage();
        long m = setup.split().train().size();
        long gen = calls(u, Role.TARGET);
        long validationCalls = gen - m;
        long[] stageCalls = {m, m, calls(u, Role.GRADIENT), calls(u, Role.SUMMARIZER), calls(u, Role.EDITOR),
                validationCalls, validationCalls};
        String[] names = {"generate (train)", "judge (train)", "gradients", "summary", "edit (+ repairs)",
                "validate: generate", "validate: judge"};
        long bound = 0;
        out.printf(Locale.ROOT, "## One optimize iteration (beam 1 → 3 children, train %d, validation %d, C = %d, L = %d ms)%n%n",
                m, setup.split().validation().size(), c, latencyMs);
        out.println("| stage | calls | lower bound ceil(calls/C)·L |");
        out.println("|---|---|---|");
        for (int i = 0; i < names.length; i++) {
            long b = (stageCalls[i] + c - 1) / c * latencyMs;
            bound += b;
            out.printf(Locale.ROOT, "| %s | %d | %d ms |%n", names[i], stageCalls[i], b);
        }
        long wall = started.containsKey(Stage.GENERATE) && end[0] > 0
                ? (end[0] - started.get(Stage.GENERATE)) / 1_000_000 : r.elapsed().toMillis();
        out.printf(Locale.ROOT, "| **iteration wall time** | %d | **%d ms** against a bound of **%d ms** (%.2f×) |%n%n",
                r.total().calls() + r.total().cachedCalls(), wall, bound, (double) wall / bound);

        CallPlan plan = CallPlan.of(setup, options, MetaPrompts.defaults());
        out.println("## Calls and tokens of that iteration against the `gradsum plan` formula\n");
        out.println("Tokens here are the stub's word counts (the simulated models count words), the plan's are "
                + "characters/4, so tokens compare only roughly; calls compare exactly.\n");
        out.println("| role | measured calls (paid + from cache) | plan calls (low–high) | measured tokens in/out | plan tokens in/out (high) |");
        out.println("|---|---|---|---|---|");
        for (RoleEstimate e : plan.roles()) {
            Usage used = u.getOrDefault(e.role(), Usage.ZERO);
            out.printf(Locale.ROOT, "| %s | %d + %d | %d–%d | %d / %d | %d / %d |%n", e.role().key(), used.calls(),
                    used.cachedCalls(), e.calls().low(), e.calls().high(), used.inputTokens(), used.outputTokens(),
                    e.inputTokens().high(), e.outputTokens().high());
        }
        out.println();
    }

    private static long calls(Map<Role, Usage> usage, Role role) {
        Usage u = usage.get(role);
        return u == null ? 0 : u.calls() + u.cachedCalls();
    }

    // ---- 5. dataset

    private void dataset(Path dir) throws IOException {
        Path file = dir.resolve("rows.jsonl");
        DatasetLoad.generate(file, rows);
        DatasetLoad.Result r = DatasetLoad.measure(file);
        for (int repeat = 1; repeat < REPEATS; repeat++) {
            DatasetLoad.Result again = DatasetLoad.measure(file);
            r = again.millis() < r.millis() ? again : r;
        }
        out.printf(Locale.ROOT, "## Loading a %,d-row JSONL dataset (%.1f MB on disk, best of %d)%n%n", rows,
                Files.size(file) / 1e6, REPEATS);
        out.println("| load time (wall) | CPU time of the loading thread | heap retained by the dataset (after GC) | heap used at peak |");
        out.println("|---|---|---|---|");
        out.printf(Locale.ROOT, "| %d ms | %d ms | %.0f MiB | %.0f MiB |%n%n", r.millis(), r.cpuMillis(),
                r.retainedBytes() / 1048576.0, r.peakBytes() / 1048576.0);
        Files.deleteIfExists(file);
    }

    /** {@code gradsum-bench engine}. */
    @picocli.CommandLine.Command(name = "engine", mixinStandardHelpOptions = true,
            description = "Measure gradsum's own overhead against a local OpenAI-compatible stub server.")
    static final class Command implements Callable<Integer> {
        @Option(names = "--latency-ms", description = "Stub latency per call, default ${DEFAULT-VALUE}.")
        long latencyMs = 200;

        @Option(names = "--rows", description = "Rows of the generated dataset, default ${DEFAULT-VALUE}.")
        int rows = 100_000;

        @Override
        public Integer call() throws Exception {
            new EngineBench(System.out, latencyMs, rows).run();
            return 0;
        }
    }
}

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
import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The engine benchmark (design §6): how much gradsum's own machinery adds to model latency, measured
 * against a local OpenAI-compatible {@link StubServer} through the production path (a task file,
 * LangChain4j's OpenAI client, gradsum's call path). Prints, as Markdown:
 * <ol>
 *   <li>throughput of N independent calls at concurrency C, measured against the ideal N·L/C;</li>
 *   <li>our overhead per call: gradsum's call path against the bare LangChain4j client on a
 *       zero-latency stub, and measured − L at C = 1;</li>
 *   <li>{@code gradsum eval} end to end ({@link EvalEndToEnd}) at C = 8 and 32, clean and with an
 *       HTTP 500 on every 7th request, against (requests sent)·L/C;</li>
 *   <li>one optimize iteration's wall time against the ideal of its dependency graph
 *       ({@link IterationGraph});</li>
 *   <li>calls and tokens per role of that iteration against the {@code gradsum plan} formula (low,
 *       high and expected calls);</li>
 *   <li>load time and retained heap of a generated 100,000-row JSONL dataset.</li>
 * </ol>
 * Figures are printed, never asserted: timing on a shared machine varies.
 */
public final class EngineBench {
    /** Timed runs repeated this many times, the best kept: the machine's other load only adds time. */
    static final int REPEATS = 3;

    /** The parts of the benchmark, in the order they run. */
    enum Part { throughput, overhead, eval, iteration, dataset }

    private final PrintStream out;
    private final long latencyMs;
    private final int rows;
    private final Set<Part> parts;
    private final int evalRows;
    private final double backoffScale;

    EngineBench(PrintStream out, long latencyMs, int rows, Set<Part> parts, int evalRows, double backoffScale) {
        this.out = out;
        this.latencyMs = latencyMs;
        this.rows = rows;
        this.parts = EnumSet.copyOf(parts);
        this.evalRows = evalRows;
        this.backoffScale = backoffScale;
    }

    void run() throws Exception {
        Path dir = Files.createTempDirectory("gradsum-engine-bench");
        SimulatedWorld world = SimulatedWorld.create();
        try (StubServer stub = new StubServer(latencyMs, 128, StubTaskFiles.simulatedModels(world.models()))) {
            Path taskFile = StubTaskFiles.write(dir, world, stub.baseUrl(), 30, 30, 32);
            TaskFile file = TaskFileReader.read(taskFile, taskFile.toString());
            ModelRoles roles = ChatModels.roles(file.models(), ApiKeys.resolve(file.models(), file.label(), Map.of()));
            out.printf(Locale.ROOT, "# gradsum engine benchmark%n%nStub: OpenAI chat-completions on %s, latency L = %d ms, "
                    + "128 server threads; client: LangChain4j OpenAI via gradsum's task file and call path. "
                    + "Java %s, %d CPUs.%n%n", "127.0.0.1", latencyMs, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            if (parts.contains(Part.throughput)) {
                throughput(roles.model(Role.TARGET));
            }
            if (parts.contains(Part.overhead)) {
                overhead(stub, roles.model(Role.TARGET));
            }
            stub.latencyMs(latencyMs);
            if (parts.contains(Part.eval)) {
                stub.rememberAnswers(); // the stub's own CPU for its simulated models is no part of the figures
                evalEndToEnd(new EvalEndToEnd(stub, dir, latencyMs));
            }
            stub.latencyMs(latencyMs);
            if (parts.contains(Part.iteration)) {
                iteration(file, roles, stub);
            }
        }
        if (parts.contains(Part.dataset)) {
            dataset(dir);
        }
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

    // ---- 3. eval end to end

    private void evalEndToEnd(EvalEndToEnd eval) throws IOException {
        out.printf(Locale.ROOT, "## `gradsum eval` end to end (%d rows, target and judge, wall time in this JVM, best of %d)%n%n",
                evalRows, REPEATS);
        out.println("The command itself (`Main.run`: task file, store, LangChain4j client, call path); ideal = "
                + "(requests sent)·L/C, which is 2·N·L/C without failures. With failures, every 7th request the stub "
                + "receives is an HTTP 500 with OpenAI's `server_error` body, retried by the default `RetryPolicy` "
                + "(6 attempts; after a 500 a wait from 100 ms doubling, ±20%, while the retry quota lasts; a resend "
                + "keeps its place in line), its waits as they are (× 1) or shortened for the bench (× " + backoffScale
                + ", through the command's sleeper). Mean in flight: the stub's busy time over the wall time. "
                + "Before/after: the command's time before the first request reached the stub (task file, store, "
                + "rows, clients) and after the last reply (results written, store closed), both inside the wall "
                + "time. One untimed eval of the same rows runs first, so that no row pays the cold JVM's class loading "
                + "and the stub has its answers ready (it remembers them: its simulated models' CPU, on the CPUs the "
                + "client shares, is no part of the figures); each case then runs " + REPEATS
                + " times, the best kept and every ratio listed.\n");
        out.println("| C | failures | backoff | wall | requests sent (500s) | mean in flight | before / after | ideal | "
                + "wall/ideal | all runs | target |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        eval.run(evalRows, 32, 0, 1); // warm-up: class loading, the JIT, the store's first open, the stub's answers
        List<double[]> runs = new ArrayList<>();
        for (int c : new int[] {8, 32}) {
            runs.add(new double[] {c, 0, 1});
        }
        for (double scale : backoffScale == 1 ? new double[] {1} : new double[] {1, backoffScale}) {
            for (int c : new int[] {8, 32}) {
                runs.add(new double[] {c, 7, scale});
            }
        }
        for (double[] run : runs) {
            int failEvery = (int) run[1];
            EvalEndToEnd.Result best = null;
            List<String> ratios = new ArrayList<>();
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                EvalEndToEnd.Result r = eval.run(evalRows, (int) run[0], failEvery, run[2]);
                ratios.add(String.format(Locale.ROOT, "%.3f", r.ratio()));
                if (best == null || r.ratio() < best.ratio()) {
                    best = r;
                }
            }
            out.printf(Locale.ROOT, "| %d | %s | %s | %d ms | %d (%d) | %.1f | %d / %d ms | %.0f ms | %.3f | %s | %s |%n",
                    best.concurrency(), failEvery == 0 ? "none" : "500 on every " + failEvery + "th",
                    failEvery == 0 ? "" : "× " + best.backoffScale(), best.wallMillis(), best.requests(), best.failed(),
                    best.meanInFlight(), best.beforeFirstMillis(), best.afterLastMillis(), best.idealMillis(),
                    best.ratio(), String.join(", ", ratios), failEvery == 0 ? "≤ 1.10" : "≤ 1.5");
        }
        out.println();
    }

    // ---- 4 and 5. one iteration

    /**
     * Where the iteration's time went, as the stub saw it: per model (role), its requests, the first one's
     * arrival and the last reply, in ms from the call of {@code optimize()}.
     */
    private void timeline(List<StubServer.Exchange> exchanges, long start) {
        out.println("Where the time went (the stub's view of that run, ms from the call of `optimize()`; a role's "
                + "requests overlap the next role's when rows flow):\n");
        out.println("| model (role) | requests | first arrived | last replied |");
        out.println("|---|---|---|---|");
        Map<String, long[]> byModel = new java.util.LinkedHashMap<>();
        exchanges.stream().sorted(java.util.Comparator.comparingLong(StubServer.Exchange::arrived)).forEach(e -> {
            long[] m = byModel.computeIfAbsent(e.model(), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            m[0]++;
            m[1] = Math.min(m[1], e.arrived());
            m[2] = Math.max(m[2], e.replied());
        });
        byModel.forEach((model, m) -> out.printf(Locale.ROOT, "| %s | %d | %d | %d |%n", model, m[0],
                (m[1] - start) / 1_000_000, (m[2] - start) / 1_000_000));
        out.println();
    }

    private void iteration(TaskFile file, ModelRoles roles, StubServer stub) {
        TaskSetup setup = TaskSetup.prepare(file);
        int c = 32;
        SearchOptions options = SearchOptions.builder().iterations(1).seed(7).build();
        // best of REPEATS after an untimed warm-up, each a fresh search with an empty cache: a run in a cold JVM
        // also pays for class loading, the JIT and the HTTP client's first connections, no part of the iteration
        OptimizationResult r = null;
        long wall = Long.MAX_VALUE;
        long requests = 0;
        long bestStart = 0;
        long stubAnswering = 0;
        List<Long> walls = new ArrayList<>();
        List<StubServer.Exchange> timeline = List.of();
        // one untimed warm-up first (the JIT, the client's connections), and the stub remembers its answers, so
        // that the simulated models' CPU (120-400 ms per iteration, on the 2 CPUs the client shares) is paid there
        stub.rememberAnswers();
        for (int repeat = -1; repeat < REPEATS; repeat++) {
            long[] end = new long[1];
            SearchListener timing = new SearchListener() {
                @Override
                public void iterationFinished(dev.gradsum.search.Iteration iteration) {
                    end[0] = System.nanoTime();
                }
            };
            GradSum search = GradSum.builder().task(setup.task()).models(roles).split(setup.split()).options(options)
                    .maxConcurrency(c).timeout(Duration.ofSeconds(60)).modelsTimeOut(true).pricing(Pricing.none())
                    .cache(CallCache.inMemory()).listener(timing).build();
            long requestsBefore = stub.requests();
            stub.newWindow();
            long answering = stub.answerNanos();
            long start = System.nanoTime();
            OptimizationResult run = search.optimize();
            long millis = ((end[0] > 0 ? end[0] : System.nanoTime()) - start) / 1_000_000;
            if (repeat < 0) {
                continue; // the warm-up
            }
            walls.add(millis);
            if (millis < wall) {
                wall = millis;
                r = run;
                requests = stub.requests() - requestsBefore;
                bestStart = start;
                timeline = stub.timeline();
                stubAnswering = (stub.answerNanos() - answering) / 1_000_000;
            }
        }
        Map<Role, Usage> u = r.usage();
        dev.gradsum.search.Iteration it = r.iterations().get(0);
        long m = Math.min(options.minibatchSize(), setup.split().train().size());
        long v = setup.split().validation().size();
        boolean judged = setup.task().metric() == null;
        long editor = paid(u, Role.EDITOR);
        long edits = Math.min(editor, it.gradients().values().stream().filter(g -> !g.isEmpty()).count());
        long perRow = judged ? 2 : 1;
        // the initial prompt's validation (v rows) depends on nothing; the rest of validation is the children's
        long validation = paid(u, Role.TARGET) + paid(u, Role.JUDGE) - perRow * m;
        long childValidation = Math.max(0, validation - perRow * v);
        IterationGraph graph = new IterationGraph(perRow * m, paid(u, Role.GRADIENT), paid(u, Role.SUMMARIZER), edits,
                editor - edits, childValidation, judged, requests);
        // for comparison: the same chain with the initial prompt's validation waiting for the children's
        IterationGraph staged = new IterationGraph(perRow * m, paid(u, Role.GRADIENT), paid(u, Role.SUMMARIZER), edits,
                editor - edits, validation, judged, requests);
        out.printf(Locale.ROOT, "## One optimize iteration over its critical path (beam 1 → %d children, train %d, "
                + "validation %d, C = %d, L = %d ms, best of %d)%n%n", it.scored().size() - 1, m, v, c, latencyMs, REPEATS);
        out.println("| level of the dependency chain | requests | longest chain | max(chain, ⌈requests/C⌉)·L |");
        out.println("|---|---|---|---|");
        for (IterationGraph.Level level : graph.levels()) {
            out.printf(Locale.ROOT, "| %s | %d | %d | %.0f ms |%n", level.name(), level.calls(), level.depth(),
                    level.millis(c, latencyMs));
        }
        double chain = graph.chainBoundMillis(c, latencyMs);
        double work = graph.workBoundMillis(c, latencyMs);
        double ideal = graph.idealMillis(c, latencyMs);
        out.printf(Locale.ROOT, "| chain bound (sum of the levels) | | | %.0f ms |%n", chain);
        out.printf(Locale.ROOT, "| work bound: ⌈all %d requests (the initial prompt's %d-row validation floats)/C⌉·L | %d | | %.0f ms |%n",
                requests, v, requests, work);
        out.printf(Locale.ROOT, "| **iteration wall time** | %d | | **%d ms** against an ideal of **%.0f ms** "
                + "(**%.3f×**, target ≤ 1.10; all runs: %s) |%n", requests, wall, ideal, wall / ideal,
                walls.stream().map(w -> String.format(Locale.ROOT, "%.3f", w / ideal)).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "| (for comparison: the chain with the initial prompt's validation in the last level) "
                + "| | | %.0f ms (%.3f×) |%n%n", staged.chainBoundMillis(c, latencyMs),
                wall / staged.chainBoundMillis(c, latencyMs));
        timeline(timeline, bestStart);
        out.printf(Locale.ROOT, "The stub's own work in that run (its simulated models; answers remembered from the "
                + "warm-up): %d ms.%n%n", stubAnswering);

        CallPlan plan = CallPlan.of(setup, options, MetaPrompts.defaults());
        out.println("## Calls and tokens of that iteration against the `gradsum plan` formula\n");
        out.println("Tokens here are the stub's word counts (the simulated models count words), the plan's are "
                + "characters/4, so tokens compare only roughly; calls compare exactly.\n");
        out.println("| role | measured calls (paid + from cache) | plan calls: low–high (expected) | measured tokens in/out | plan tokens in/out (high) |");
        out.println("|---|---|---|---|---|");
        for (RoleEstimate e : plan.roles()) {
            Usage used = u.getOrDefault(e.role(), Usage.ZERO);
            out.printf(Locale.ROOT, "| %s | %d + %d | %d–%d (%d) | %d / %d | %d / %d |%n", e.role().key(), used.calls(),
                    used.cachedCalls(), e.calls().low(), e.calls().high(), e.expectedCalls(), used.inputTokens(),
                    used.outputTokens(), e.inputTokens().high(), e.outputTokens().high());
        }
        long made = r.total().calls() + r.total().cachedCalls();
        out.printf(Locale.ROOT, "| **total** | %d | %d–%d (%d): %s, %.0f%% from expected |%n%n", made,
                plan.totalCalls().low(), plan.totalCalls().high(), plan.expectedCalls(),
                plan.totalCalls().contains(made) ? "in range" : "OUT OF RANGE",
                100.0 * (made - plan.expectedCalls()) / plan.expectedCalls());
    }

    private static long paid(Map<Role, Usage> usage, Role role) {
        return usage.getOrDefault(role, Usage.ZERO).calls();
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
            description = "Measure gradsum's own overhead, and eval and an optimize iteration end to end, against a "
                    + "local OpenAI-compatible stub server.")
    static final class Command implements Callable<Integer> {
        @Option(names = "--latency-ms", description = "Stub latency per call, default ${DEFAULT-VALUE}.")
        long latencyMs = 200;

        @Option(names = "--rows", description = "Rows of the generated dataset, default ${DEFAULT-VALUE}.")
        int rows = 100_000;

        @Option(names = "--only", split = ",", paramLabel = "PART",
                description = "Run only these parts: ${COMPLETION-CANDIDATES} (default: all).")
        Set<Part> only = EnumSet.allOf(Part.class);

        @Option(names = "--eval-rows", description = "Rows of the end-to-end eval, default ${DEFAULT-VALUE}.")
        int evalRows = 256;

        @Option(names = "--backoff-scale", paramLabel = "X",
                description = "The end-to-end eval with failures also runs with each retry backoff wait multiplied by X, "
                        + "default ${DEFAULT-VALUE} (1: only the policy as it is).")
        double backoffScale = 0.2;

        @Override
        public Integer call() throws Exception {
            new EngineBench(System.out, latencyMs, rows, only, evalRows, backoffScale).run();
            return 0;
        }
    }
}

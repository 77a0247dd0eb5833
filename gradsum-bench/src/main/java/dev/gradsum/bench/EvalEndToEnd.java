package dev.gradsum.bench;

import dev.gradsum.cli.Cli;
import dev.gradsum.cli.Main;
import dev.gradsum.llm.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * {@code gradsum eval} end to end against the {@link StubServer}: the command itself (task file, store,
 * LangChain4j's OpenAI client, call path with its real {@code RetryPolicy}, each row's answer judged as
 * it arrives), run in this JVM so that the wall time leaves out the JVM's start. The ideal is each
 * request taking L on one of C slots: (requests sent)·L/C, which is 2·N·L/C when no request fails. The
 * wall time includes what the command does before its first request reaches the stub (task file, store,
 * data, clients) and after the last reply (report, store closed); both are measured apart.
 */
final class EvalEndToEnd {
    /** One measured run. */
    record Result(int rows, int concurrency, int failEvery, double backoffScale, long wallMillis, long requests,
                  long failed, double idealMillis, double meanInFlight, long beforeFirstMillis, long afterLastMillis) {
        double ratio() {
            return wallMillis / idealMillis;
        }
    }

    private final StubServer stub;
    private final Path folder;
    private final long latencyMs;
    private int serial;

    EvalEndToEnd(StubServer stub, Path folder, long latencyMs) {
        this.stub = stub;
        this.folder = folder;
        this.latencyMs = latencyMs;
    }

    /**
     * Scores the task's prompt on {@code rows} rows at concurrency {@code c}; every {@code failEvery}-th
     * request fails (0: none).
     *
     * @param backoffScale each backoff wait of the retry policy is multiplied by this (1 = the policy as
     *                     it is; less shortens the waits, see docs/benchmarks.md)
     */
    Result run(int rows, int c, int failEvery, double backoffScale) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("eval-" + (++serial)));
        Path task = StubTaskFiles.writeForEval(dir, rows, stub.baseUrl(), c);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Sleeper shortened = d -> Thread.sleep(Math.round(d.toMillis() * backoffScale));
        Cli cli = new Cli(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, shortened, Clock.systemUTC());
        stub.latencyMs(latencyMs);
        stub.failEvery(failEvery);
        long requestsBefore = stub.requests();
        long failedBefore = stub.failed();
        long busyBefore = stub.busyNanos();
        stub.newWindow();
        long start = System.nanoTime();
        int code = Main.run(new String[] {"eval", task.toString(), "--concurrency", String.valueOf(c), "--no-cache",
                "--store", dir.resolve("store.db").toString()}, cli);
        long end = System.nanoTime();
        long wall = (end - start) / 1_000_000;
        stub.failEvery(0);
        if (code != 0) {
            throw new IllegalStateException("gradsum eval exited " + code + ": " + err.toString(StandardCharsets.UTF_8)
                    + out.toString(StandardCharsets.UTF_8));
        }
        long requests = stub.requests() - requestsBefore;
        return new Result(rows, c, failEvery, backoffScale, wall, requests, stub.failed() - failedBefore,
                (double) requests * latencyMs / c, (stub.busyNanos() - busyBefore) / 1e6 / wall,
                (stub.firstArrival() - start) / 1_000_000, (end - stub.lastReply()) / 1_000_000);
    }
}

package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Makes a store with three recorded runs against the stub model server: one finished, one stopped
 * (its search thread interrupted, as Ctrl-C does) and one stopped on its call budget, with their run
 * folders. Not a test: run it by hand with {@code -Dgradsum.makeStore=DIR} to make a store fixture such
 * as {@code src/test/resources/store-v1/} (see the README there).
 */
@EnabledIfSystemProperty(named = "gradsum.makeStore", matches = ".+")
class RecordedStoreMaker {
    static final String FINISHED = "20261125-031500-capitals";
    static final String STOPPED = "20261125-031600-capitals";
    static final String BUDGET = "20261125-031700-capitals";

    @Test
    void make() throws Exception {
        Path out = Path.of(System.getProperty("gradsum.makeStore")).toAbsolutePath();
        Files.createDirectories(out);
        Path store = out.resolve("gradsum.db");
        Path runs = out.resolve("runs");
        try (ModelServerStub stub = new ModelServerStub(TaskFolder.CAPITALS)) {
            String model = TaskFolder.openAi(stub.baseUrl(), "");
            Path task = new TaskFolder(out.resolve("work").resolve("task")).task(TaskFolder.yaml(model, model, ""));
            Path budgetTask = new TaskFolder(out.resolve("work").resolve("budget"))
                    .task(TaskFolder.yaml(model, model, "budget: {calls: 44}\n"));

            CliRunner.Outcome finished = run(FINISHED, "optimize", task.toString(), "--store", store.toString(),
                    "--out", runs.toString());
            assertThat(finished.exitCode()).as(finished.err()).isZero();

            AtomicInteger seen = new AtomicInteger();
            AtomicReference<Thread> runner = new AtomicReference<>();
            stub.gate(body -> {
                if (seen.incrementAndGet() == 42 && runner.get() != null) runner.get().interrupt();
            });
            AtomicReference<CliRunner.Outcome> stopped = new AtomicReference<>();
            Thread t = new Thread(() -> stopped.set(run(STOPPED, "optimize", task.toString(), "--seed", "5", "--no-cache",
                    "--store", store.toString(), "--out", runs.toString())));
            runner.set(t);
            t.start();
            t.join();
            assertThat(stopped.get().exitCode()).as(stopped.get().err()).isZero();
            stub.gate(body -> { });

            CliRunner.Outcome budget = run(BUDGET, "optimize", budgetTask.toString(), "--seed", "9", "--no-cache",
                    "--store", store.toString(), "--out", runs.toString());
            assertThat(budget.exitCode()).as(budget.err()).isEqualTo(ExitCode.BUDGET);
        }
    }

    private static CliRunner.Outcome run(String runId, String... args) throws RuntimeException {
        String time = runId.substring(0, 4) + "-" + runId.substring(4, 6) + "-" + runId.substring(6, 8) + "T"
                + runId.substring(9, 11) + ":" + runId.substring(11, 13) + ":" + runId.substring(13, 15) + "Z";
        return CliRunner.run(OptimizeAgainstStubTest.ENV, Clock.fixed(Instant.parse(time), ZoneOffset.UTC), args);
    }

}

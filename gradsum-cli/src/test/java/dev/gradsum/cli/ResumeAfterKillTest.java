package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.report.RunOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The proof of issue 4: a real {@code gradsum optimize} process killed with SIGKILL mid-run and
 * rerun with {@code --resume ID} finishes with the result of an uninterrupted run, and the model
 * server never answers a request body twice across the kill. Also: a call budget stops the run with
 * exit code 3, outputs written, and never more calls than the limit.
 */
class ResumeAfterKillTest extends AgainstStub {

    private Path task(String name, String extra) {
        TaskFolder folder = new TaskFolder(dir.resolve(name));
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        return folder.task(TaskFolder.yaml(model, model, extra));
    }

    @Test
    void a_run_killed_with_sigkill_and_resumed_ends_as_an_uninterrupted_run_and_no_answered_request_is_sent_again()
            throws Exception {
        Set<String> reference = ConcurrentHashMap.newKeySet();
        stub.gate(body -> reference.add(sha256(body)));
        Path refTask = task("reference", "");
        Process ref = gradsum(refTask, "optimize", refTask.toString(), "--out", dir.resolve("ref-runs").toString());
        assertThat(finish(ref)).isZero();
        String refOut = Files.readString(out(refTask));

        Path taskFile = task("killed", "");
        Path db = taskFile.resolveSibling(".gradsum/gradsum.db");
        Set<String> beforeKill = ConcurrentHashMap.newKeySet();
        Process[] child = new Process[1];
        boolean[] killed = {false};
        int killAt = reference.size() / 2;
        stub.gate(body -> {
            synchronized (killed) {
                if (killed[0]) {
                    throw new IllegalStateException("the process was killed");
                }
                if (beforeKill.size() >= killAt) {
                    awaitStored(db, beforeKill.size());
                    killed[0] = true;
                    child[0].destroyForcibly();
                    waitFor(child[0]);
                    throw new IllegalStateException("the process was killed");
                }
                beforeKill.add(sha256(body));
            }
        });
        child[0] = gradsum(taskFile, "optimize", taskFile.toString(), "--out", dir.resolve("runs").toString());
        assertThat(finish(child[0])).as("killed by SIGKILL").isEqualTo(137);
        synchronized (killed) {
            assertThat(killed[0]).as("killed mid-run by the stub").isTrue();
        }
        String runId = query(db, "SELECT id FROM runs");

        Set<String> afterResume = ConcurrentHashMap.newKeySet();
        List<String> resent = new ArrayList<>();
        stub.gate(body -> {
            String h = sha256(body);
            afterResume.add(h);
            if (beforeKill.contains(h)) {
                resent.add(h);
            }
        });
        Process resumed = gradsum(taskFile, "optimize", "--resume", runId, "--store", db.toString(),
                "--out", dir.resolve("runs").toString());
        assertThat(finish(resumed)).as(Files.readString(err(taskFile))).isZero();

        assertThat(resent).as("answered before the kill, sent again after the resume").isEmpty();
        Set<String> all = new java.util.HashSet<>(beforeKill);
        all.addAll(afterResume);
        assertThat(all).isEqualTo(reference);
        assertThat(Files.readString(dir.resolve("runs").resolve(runId).resolve(RunOutputs.BEST_PROMPT)))
                .isEqualTo(Files.readString(onlyRunFolder(dir.resolve("ref-runs")).resolve(RunOutputs.BEST_PROMPT)));
        assertThat(scoreLines(Files.readString(out(taskFile)))).isEqualTo(scoreLines(refOut)).isNotEmpty();
        assertThat(query(db, "SELECT status || ' ' || attempts FROM runs")).isEqualTo("finished 2");
    }

    @Test
    void ctrl_c_stops_the_run_cleanly_writes_what_is_done_and_says_how_to_resume() throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        stub.gate(body -> {
            if (seen.incrementAndGet() >= 20) {
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the process was stopped");
            }
        });
        Path taskFile = task("stopped", "");
        Process child = gradsum(taskFile, "optimize", taskFile.toString(), "--out", dir.resolve("runs").toString());
        try {
            assertThat(held.await(120, TimeUnit.SECONDS)).isTrue();
            child.destroy(); // SIGTERM: the same shutdown path as Ctrl-C's SIGINT
            assertThat(finish(child)).isEqualTo(143);
        } finally {
            release.countDown();
        }

        Path db = taskFile.resolveSibling(".gradsum/gradsum.db");
        String runId = query(db, "SELECT id FROM runs");
        assertThat(query(db, "SELECT status || ' ' || stop_reason FROM runs")).isEqualTo("stopped INTERRUPTED");
        assertThat(dir.resolve("runs").resolve(runId).resolve(RunOutputs.BEST_PROMPT)).exists();
        assertThat(Files.readString(err(taskFile))).contains("--resume " + runId);
    }

    @Test
    void a_call_budget_stops_with_exit_code_3_writes_the_outputs_and_never_makes_more_calls() throws Exception {
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        stub.gate(calls::add);
        Path taskFile = task("budget", "budget: {calls: 12}\n");

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", taskFile.toString(),
                "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.BUDGET);
        assertThat(calls).hasSizeLessThanOrEqualTo(12);
        Path runDir = onlyRunFolder(dir.resolve("runs"));
        assertThat(runDir.resolve(RunOutputs.BEST_PROMPT)).exists();
        assertThat(runDir.resolve(RunOutputs.RESULT_JSON)).exists();
        assertThat(runDir.resolve(RunOutputs.REPORT_HTML)).exists();
        Path db = taskFile.resolveSibling(".gradsum/gradsum.db");
        assertThat(query(db, "SELECT status || ' ' || stop_reason FROM runs")).isEqualTo("finished BUDGET");
    }

    static Process gradsum(Path taskFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(taskFile.getParent().toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out(taskFile).toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err(taskFile).toFile()));
        pb.environment().put("STUB_KEY", OptimizeAgainstStubTest.KEY);
        return pb.start();
    }

    private static Path out(Path taskFile) {
        return taskFile.resolveSibling("stdout.txt");
    }

    static Path err(Path taskFile) {
        return taskFile.resolveSibling("stderr.txt");
    }

    static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gradsum did not finish in time");
        }
        return p.exitValue();
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the child has stored every reply it was given (so none is lost by the kill). */
    private static void awaitStored(Path db, int replies) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (Integer.parseInt(query(db, "SELECT count(*) FROM call_cache")) >= replies) {
                    return;
                }
                Thread.sleep(20);
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the child did not store its replies in time");
    }

    /** The summary's score lines: validation and test scores of the initial and best prompt. */
    private static List<String> scoreLines(String stdout) {
        return stdout.lines().filter(l -> l.startsWith("Validation:") || l.startsWith("Test")).toList();
    }

    private static Path onlyRunFolder(Path root) throws IOException {
        try (Stream<Path> runs = Files.list(root)) {
            return runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    static String query(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

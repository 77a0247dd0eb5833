package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.model.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume, as the library offers it ({@code GradSum.builder().store(...)}, {@code continuableRuns()},
 * {@code resume(id)}): a process killed mid-run (halted like SIGKILL) and resumed ends with the result an
 * uninterrupted run has, and no request that was answered before the kill is sent again.
 */
class ResumeTest {
    @TempDir
    Path dir;

    @Test
    void a_run_killed_mid_search_and_resumed_ends_as_an_uninterrupted_run_without_asking_any_answered_request_again()
            throws Exception {
        Path reference = dir.resolve("reference.txt");
        assertThat(child(dir.resolve("ref.db"), -1, dir.resolve("ref.log"), reference, -1, 4)).isZero();
        Set<String> referenceRequests = new HashSet<>(Files.readAllLines(dir.resolve("ref.log")));

        Path db = dir.resolve("crash.db");
        Path beforeLog = dir.resolve("before-kill.log");
        assertThat(child(db, referenceRequests.size() / 2, beforeLog, dir.resolve("never.txt"), -1, 4)).isEqualTo(137);
        Set<String> beforeKill = new HashSet<>(Files.readAllLines(beforeLog));
        try (SqliteStore store = SqliteStore.open(db)) {
            RunSummary killed = onlyRun(store);
            assertThat(killed.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(store.spent(killed.id()).calls()).isGreaterThanOrEqualTo(beforeKill.size());
        }

        Path resumed = dir.resolve("resumed.txt");
        Path afterLog = dir.resolve("after-resume.log");
        assertThat(child(db, -1, afterLog, resumed, -1, 4)).isZero();

        assertThat(Files.readString(resumed)).isEqualTo(Files.readString(reference));
        Set<String> afterResume = new HashSet<>(Files.readAllLines(afterLog));
        assertThat(afterResume).as("answered before the kill, asked again after the resume")
                .doesNotContainAnyElementsOf(beforeKill);
        Set<String> all = new HashSet<>(beforeKill);
        all.addAll(afterResume);
        assertThat(all).isEqualTo(referenceRequests);
        try (SqliteStore store = SqliteStore.open(db)) {
            RunDetails run = store.run(onlyRun(store).id()).orElseThrow();
            assertThat(run.summary().status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.attempts()).isEqualTo(2);
            Usage total = store.spent(run.summary().id());
            Usage uninterrupted;
            try (SqliteStore ref = SqliteStore.open(dir.resolve("ref.db"))) {
                uninterrupted = ref.spent(onlyRun(ref).id());
            }
            assertThat(total.calls() + total.cachedCalls())
                    .as("requests, as the uninterrupted run counts them: the replayed answers are not counted again")
                    .isEqualTo(uninterrupted.calls() + uninterrupted.cachedCalls());
            assertThat(total.calls()).as("paid").isEqualTo(uninterrupted.calls());
        }
    }

    @Test
    void a_call_budget_holds_across_a_kill_and_resume() throws Exception {
        long budget = 40;
        Path reference = dir.resolve("reference.txt");
        assertThat(child(dir.resolve("ref.db"), -1, dir.resolve("ref.log"), reference, budget, 1)).isZero();

        Path db = dir.resolve("crash.db");
        Path log = dir.resolve("crash.log");
        assertThat(child(db, 15, log, dir.resolve("never.txt"), budget, 1)).isEqualTo(137);
        Path resumed = dir.resolve("resumed.txt");
        assertThat(child(db, -1, log, resumed, budget, 1)).isZero();

        assertThat(Files.readAllLines(log)).hasSizeLessThanOrEqualTo((int) budget);
        assertThat(Files.readString(resumed).lines().toList())
                .containsExactlyElementsOf(Files.readString(reference).lines().toList());
        assertThat(Files.readString(resumed).lines().toList().get(3)).isEqualTo("BUDGET");
    }

    /** The store's one run: the resume continued the killed run instead of starting another. */
    private static RunSummary onlyRun(SqliteStore store) {
        List<RunSummary> runs = store.listRuns();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    private static int child(Path db, int haltAfter, Path log, Path result, long budgetCalls, int concurrency)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(), db.toString(),
                String.valueOf(haltAfter), log.toString(), result.toString(), String.valueOf(budgetCalls),
                String.valueOf(concurrency))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolveSibling("child.out").toFile()))
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child did not finish: " + Files.readString(log.resolveSibling("child.out")));
        }
        return p.exitValue();
    }
}

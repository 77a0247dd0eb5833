package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.model.Usage;
import dev.gradsum.search.StopReason;
import dev.gradsum.store.RunStatus;
import dev.gradsum.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradsum runs}, {@code runs show}, {@code report}, {@code cache} and the resume hint, against the stub. */
class StoreCommandsTest {
    @TempDir
    Path dir;
    ModelServerStub stub;
    Path task;
    Path db;

    @BeforeEach
    void start() throws IOException {
        stub = new ModelServerStub(TaskFolder.CAPITALS);
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        task = new TaskFolder(dir.resolve("task")).task(TaskFolder.yaml(model, model, ""));
        db = task.resolveSibling(".gradsum/gradsum.db");
    }

    @AfterEach
    void stop() throws IOException {
        stub.close();
    }

    private CliRunner.Outcome gradsum(String... args) {
        return CliRunner.run(OptimizeAgainstStubTest.ENV, args);
    }

    private String optimizeOnce() throws IOException {
        CliRunner.Outcome r = gradsum("optimize", task.toString(), "--out", dir.resolve("runs").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return runs.findFirst().orElseThrow().getFileName().toString();
        }
    }

    @Test
    void runs_lists_the_run_and_runs_show_prints_it() throws IOException {
        String id = optimizeOnce();

        CliRunner.Outcome list = gradsum("runs", "--store", db.toString());
        assertThat(list.out().lines().findFirst().orElseThrow()).contains("ID", "TASK", "STARTED (UTC)", "STATUS", "BEST SCORE", "COST");
        assertThat(list.out()).contains(id, "capitals", "finished");

        CliRunner.Outcome show = gradsum("runs", "show", id, "--store", db.toString());
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("Run " + id, "status:     finished", "iteration 1:", "best prompt",
                "gradsum report " + id);
    }

    @Test
    void a_rerun_answers_every_call_from_the_store_and_pays_nothing() throws IOException {
        optimizeOnce();
        int paid = stub.count(ModelServerStub.Role.TARGET) + stub.count(ModelServerStub.Role.JUDGE);

        CliRunner.Outcome again = gradsum("optimize", task.toString(), "--out", dir.resolve("runs2").toString());

        assertThat(again.exitCode()).isZero();
        assertThat(stub.count(ModelServerStub.Role.TARGET) + stub.count(ModelServerStub.Role.JUDGE)).isEqualTo(paid);
        assertThat(again.out()).containsPattern("Usage: (\\d+) requests \\(0 paid, \\1 from cache\\)");
    }

    private int requestsSent() {
        return Stream.of(ModelServerStub.Role.values()).mapToInt(stub::count).sum();
    }

    @Test
    void a_second_eval_answers_every_call_from_the_store_and_records_no_run() {
        CliRunner.Outcome first = gradsum("eval", task.toString());
        int sent = requestsSent();

        CliRunner.Outcome again = gradsum("eval", task.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(sent).isPositive();
        assertThat(first.out()).contains("Usage: " + sent + " requests (" + sent + " paid, 0 from cache)");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(requestsSent()).isEqualTo(sent);
        assertThat(again.out()).contains("Usage: " + sent + " requests (0 paid, " + sent + " from cache)")
                .contains("$0.0000");
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.listRuns()).isEmpty();
        }
    }

    @Test
    void eval_with_no_cache_sends_every_call_again_and_a_store_flag_points_elsewhere() {
        Path other = dir.resolve("elsewhere.db");
        gradsum("eval", task.toString(), "--store", other.toString());
        int sent = requestsSent();

        CliRunner.Outcome again = gradsum("eval", task.toString(), "--store", other.toString(), "--no-cache");
        CliRunner.Outcome cached = gradsum("eval", task.toString(), "--store", other.toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(requestsSent()).isEqualTo(2 * sent);
        assertThat(again.out()).contains("(" + sent + " paid, 0 from cache)");
        assertThat(cached.out()).contains("(0 paid, " + sent + " from cache)");
        assertThat(other).isNotEmptyFile();
        assertThat(db).doesNotExist();
    }

    @Test
    void a_rerun_sends_byte_identical_requests_so_it_can_replay_from_the_store() throws IOException {
        Set<String> first = ConcurrentHashMap.newKeySet();
        stub.gate(first::add);
        optimizeOnce();
        Set<String> again = ConcurrentHashMap.newKeySet();
        stub.gate(again::add);

        CliRunner.Outcome r = gradsum("optimize", task.toString(), "--no-cache", "--out", dir.resolve("runs2").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(again).hasSizeGreaterThan(10).isEqualTo(first);
    }

    @Test
    void a_rerun_in_the_same_second_is_a_new_run_and_leaves_the_first_one_alone() throws IOException {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-25T03:14:37Z"), ZoneOffset.UTC);
        CliRunner.Outcome first = CliRunner.run(OptimizeAgainstStubTest.ENV, frozen,
                "optimize", task.toString(), "--out", dir.resolve("runs").toString());
        Usage firstSpent;
        try (SqliteStore store = SqliteStore.open(db)) {
            firstSpent = store.spent("20261125-031437-capitals");
        }
        CliRunner.Outcome again = CliRunner.run(OptimizeAgainstStubTest.ENV, frozen,
                "optimize", task.toString(), "--out", dir.resolve("runs2").toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("Resuming");
        assertThat(again.out()).containsPattern("Usage: (\\d+) requests \\(0 paid, \\1 from cache\\)")
                .contains("Report: " + dir.resolve("runs2").resolve("20261125-031437-capitals-2"));
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.listRuns()).extracting(r -> r.id())
                    .containsExactlyInAnyOrder("20261125-031437-capitals", "20261125-031437-capitals-2");
            assertThat(store.spent("20261125-031437-capitals")).isEqualTo(firstSpent);
            assertThat(store.run("20261125-031437-capitals").orElseThrow().summary().status()).isEqualTo(RunStatus.FINISHED);
        }
    }

    @Test
    void report_writes_the_run_folder_again_from_the_store() throws IOException {
        String id = optimizeOnce();
        String bestPrompt = Files.readString(dir.resolve("runs").resolve(id).resolve(RunOutputs.BEST_PROMPT));

        CliRunner.Outcome r = gradsum("report", id, "--store", db.toString(), "--out", dir.resolve("again").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path folder = dir.resolve("again").resolve(id);
        assertThat(Files.readString(folder.resolve(RunOutputs.BEST_PROMPT))).isEqualTo(bestPrompt);
        assertThat(Files.readString(folder.resolve(RunOutputs.REPORT_HTML))).contains(id);
        assertThat(folder.resolve(RunOutputs.RESULT_JSON)).exists();
        assertThat(gradsum("report", "nope", "--store", db.toString()).err())
                .startsWith("report: no run nope in ");
    }

    @Test
    void cache_stats_counts_the_stored_replies_and_clear_forgets_them() throws IOException {
        optimizeOnce();

        assertThat(gradsum("cache", "stats", "--store", db.toString()).out()).containsPattern("[1-9]\\d* cached replies");
        assertThat(gradsum("cache", "clear", "--store", db.toString()).out()).containsPattern("removed [1-9]\\d* cached replies");
        assertThat(gradsum("cache", "stats", "--store", db.toString()).out()).contains(": 0 cached replies");
    }

    @Test
    void a_plain_rerun_of_a_stopped_run_says_how_to_resume_it() throws IOException {
        String id = optimizeOnce();
        try (SqliteStore store = SqliteStore.open(db)) {
            store.finish(id, RunStatus.STOPPED, StopReason.INTERRUPTED, null, null);
        }

        CliRunner.Outcome r = gradsum("optimize", task.toString(), "--out", dir.resolve("runs2").toString());

        assertThat(r.err()).contains("note: run " + id + " of this task was stopped before it finished; continue it instead"
                + " with: gradsum optimize " + task + " --resume " + id);
    }

    @Test
    void a_plain_rerun_of_an_interrupted_run_says_its_process_ended() throws IOException {
        String id = optimizeOnce();
        try (SqliteStore store = SqliteStore.open(db)) {
            store.finish(id, RunStatus.INTERRUPTED, null, null, null);
        }

        CliRunner.Outcome r = gradsum("optimize", task.toString(), "--out", dir.resolve("runs2").toString());

        assertThat(r.err()).contains("note: run " + id + " of this task was interrupted (its process ended) before it"
                + " finished; continue it instead with: gradsum optimize " + task + " --resume " + id);
    }

    @Test
    void a_plain_rerun_does_not_offer_to_continue_a_failed_or_completed_run() throws IOException {
        String id = optimizeOnce();
        CliRunner.Outcome afterCompleted = gradsum("optimize", task.toString(), "--out", dir.resolve("runs2").toString());
        try (SqliteStore store = SqliteStore.open(db)) {
            store.listRuns().forEach(run -> store.finish(run.id(), RunStatus.FAILED, null, null, null));
        }

        CliRunner.Outcome afterFailed = gradsum("optimize", task.toString(), "--out", dir.resolve("runs3").toString());

        assertThat(afterCompleted.err()).doesNotContain("note:", "--resume");
        assertThat(afterFailed.exitCode()).as(afterFailed.err()).isZero();
        assertThat(afterFailed.err()).doesNotContain("note:", "--resume", id);
    }

    @Test
    void a_run_stopped_by_its_budget_is_offered_to_a_rerun_with_a_larger_budget_only() throws IOException {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        TaskFolder folder = new TaskFolder(dir.resolve("task"));
        folder.task(TaskFolder.yaml(model, model, "budget: {calls: 6}\n"));
        CliRunner.Outcome first = gradsum("optimize", task.toString(), "--out", dir.resolve("runs").toString());
        String id;
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            id = runs.findFirst().orElseThrow().getFileName().toString();
        }

        folder.task(TaskFolder.yaml(model, model, "budget: {calls: 6}  # same budget, new comment\n"));
        CliRunner.Outcome sameBudget = gradsum("optimize", task.toString(), "--out", dir.resolve("runs2").toString());
        try (SqliteStore store = SqliteStore.open(db)) { // the newer budget-stopped run would be offered first
            store.listRuns().stream().filter(run -> !run.id().equals(id))
                    .forEach(run -> store.finish(run.id(), RunStatus.FAILED, null, null, null));
        }
        folder.task(TaskFolder.yaml(model, model, "budget: {calls: 5000}\n"));
        CliRunner.Outcome larger = gradsum("optimize", task.toString(), "--out", dir.resolve("runs3").toString());
        CliRunner.Outcome resumed = gradsum("optimize", task.toString(), "--resume", id, "--out",
                dir.resolve("runs4").toString());

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.BUDGET);
        assertThat(sameBudget.exitCode()).as(sameBudget.err()).isEqualTo(ExitCode.BUDGET);
        assertThat(sameBudget.err()).doesNotContain("note:");
        assertThat(larger.exitCode()).as(larger.err()).isZero();
        assertThat(larger.err()).contains("note: run " + id + " of this task stopped on its budget; this budget is larger,"
                + " so it can go on with: gradsum optimize " + task + " --resume " + id);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("Resuming run " + id + " (attempt 2)");
    }

    @Test
    void resume_of_an_unknown_run_is_one_clear_line() {
        CliRunner.Outcome r = gradsum("optimize", "--resume", "nope", "--store", db.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("--resume nope: no such run in " + db
                + " (gradsum runs lists them; --store points elsewhere)");
    }
}

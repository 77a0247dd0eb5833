package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.CallRecord;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.recording.RunRecording;
import dev.gradsum.search.StopReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {
    private static final String CONFIG = "{\"task\":\"math\",\"seed\":1}";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private static Map<Role, Usage> paid(long calls, double cost) {
        return Map.of(Role.TARGET, new Usage(calls, 0, 0, 0, calls * 10, calls * 5, cost));
    }

    private static CallRecord paidCall(Role role, double cost) {
        return new CallRecord(role, "OPEN_AI", "gpt-4o-mini", LlmRequest.user("q"), new LlmReply("a", 7, 3, false), cost);
    }

    @Test
    void a_started_run_is_listed_running_with_its_task_and_start_time() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording rec = store.start("r1", "math", CONFIG, T0);

            assertThat(rec.attempt()).isEqualTo(1);
            assertThat(store.listRuns()).containsExactly(new RunSummary("r1", "math", T0, RunStatus.RUNNING, null, 0));
        }
    }

    @Test
    void runs_are_listed_newest_first_with_status_best_score_and_cost() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            store.start("old", "math", CONFIG, T0);
            store.start("new", "rag", "{}", T0.plusSeconds(60));
            store.finish("old", RunStatus.FINISHED, StopReason.NO_IMPROVEMENT, 0.8, paid(12, 0.5));

            assertThat(store.listRuns()).containsExactly(
                    new RunSummary("new", "rag", T0.plusSeconds(60), RunStatus.RUNNING, null, 0),
                    new RunSummary("old", "math", T0, RunStatus.FINISHED, 0.8, 0.5, 12, 0));
            assertThat(store.run("old").orElseThrow().stopReason()).isEqualTo("NO_IMPROVEMENT");
        }
    }

    @Test
    void a_rerun_is_offered_stopped_and_budget_stopped_runs_but_not_failed_or_completed_ones() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            for (String id : new String[] {"stopped", "budget", "failed", "done", "elsewhere"}) {
                store.start(id, "math", id.equals("elsewhere") ? "{}" : CONFIG, T0.plusSeconds(id.length()));
            }
            store.finish("stopped", RunStatus.STOPPED, StopReason.INTERRUPTED, null, null);
            store.finish("budget", RunStatus.FINISHED, StopReason.BUDGET, 0.5, null);
            store.finish("failed", RunStatus.FAILED, null, null, null);
            store.finish("done", RunStatus.FINISHED, StopReason.COMPLETED, 0.9, null);
            store.finish("elsewhere", RunStatus.STOPPED, StopReason.INTERRUPTED, null, null);

            assertThat(store.continuable(CONFIG)).extracting(RunSummary::id).containsExactly("stopped", "budget");
            assertThat(store.unfinished(CONFIG)).extracting(RunSummary::id).containsExactly("stopped", "failed");
        }
    }

    @Test
    void a_run_whose_process_died_without_finishing_is_shown_interrupted() throws Exception {
        Path db = dir.resolve("s.db");
        try (SqliteStore store = SqliteStore.open(db)) {
            store.start("r1", "math", CONFIG, T0);
        }
        // same pid as this JVM, but another process start time: a dead process whose pid was reused
        RunOwner me = RunOwner.current();
        MigrationsTest.update(db, "UPDATE runs SET owner = '" + new RunOwner(me.host(), me.pid(), 12345).text() + "'");

        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.listRuns()).extracting(RunSummary::status).containsExactly(RunStatus.INTERRUPTED);
            assertThat(store.unfinished(CONFIG)).extracting(RunSummary::id).containsExactly("r1");
            assertThat(store.unfinished("{\"other\":true}")).isEmpty();
        }
    }

    @Test
    void a_run_of_a_live_process_stays_running_and_cannot_be_resumed_by_another() {
        Path db = dir.resolve("s.db");
        try (SqliteStore a = SqliteStore.open(db); SqliteStore b = SqliteStore.open(db)) {
            a.start("r1", "math", CONFIG, T0);

            assertThat(b.listRuns()).extracting(RunSummary::status).containsExactly(RunStatus.RUNNING);
            assertThatThrownBy(() -> b.start("r1", "math", CONFIG, T0))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("run r1 is running now in process " + ProcessHandle.current().pid());
        }
    }

    @Test
    void resuming_with_another_configuration_is_refused() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            store.start("r1", "math", CONFIG, T0).stopped();

            assertThatThrownBy(() -> store.start("r1", "math", "{\"seed\":2}", T0))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("run r1 was started with a different configuration (task, rows, search settings or models);"
                            + " resume it with the configuration it was started with, or start a new run");
        }
    }

    @Test
    void a_resume_is_a_new_attempt_that_keeps_what_earlier_attempts_spent() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording first = store.start("r1", "math", CONFIG, T0);
            first.cache().put("k1", paidCall(Role.TARGET, 0.25));
            first.cache().put("k2", paidCall(Role.JUDGE, 0.5));
            first.stopped();
            assertThat(store.run("r1").orElseThrow().summary().status()).isEqualTo(RunStatus.STOPPED);

            RunRecording second = store.start("r1", "math", CONFIG, T0.plusSeconds(99));
            assertThat(second.attempt()).isEqualTo(2);
            assertThat(store.spentByRole("r1")).isEqualTo(Map.of(
                    Role.TARGET, new Usage(1, 0, 0, 0, 7, 3, 0.25),
                    Role.JUDGE, new Usage(1, 0, 0, 0, 7, 3, 0.5)));

            LlmReply replayed = second.cache().get("k1").orElseThrow();
            second.onCall(Role.TARGET, replayed, Usage.ZERO);
            second.cache().put("k3", paidCall(Role.TARGET, 0.25));

            RunDetails details = store.run("r1").orElseThrow();
            assertThat(details.summary().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(details.summary().started()).isEqualTo(T0);
            assertThat(details.attempts()).isEqualTo(2);
            assertThat(store.spent("r1")).isEqualTo(new Usage(3, 1, 0, 0, 21, 9, 1.0));
            assertThat(details.summary().costUsd()).isEqualTo(1.0);
        }
    }

    @Test
    void a_paid_call_is_counted_with_its_reply_even_when_the_cache_never_answers() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording rec = store.start("r1", "math", CONFIG, T0);
            rec.writeOnlyCache().put("k1", paidCall(Role.EDITOR, 0.5));

            assertThat(rec.writeOnlyCache().get("k1")).isEmpty();
            assertThat(store.get("k1")).isPresent();
            assertThat(store.spentByRole("r1")).containsEntry(Role.EDITOR, new Usage(1, 0, 0, 0, 7, 3, 0.5));
            assertThat(store.spent("unknown")).isEqualTo(Usage.ZERO);
        }
    }

    @Test
    void the_final_account_of_a_finished_run_replaces_what_was_counted_call_by_call() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            store.start("r1", "math", CONFIG, T0).cache().put("k1", paidCall(Role.TARGET, 0.25));
            Map<Role, Usage> account = Map.of(Role.TARGET, new Usage(1, 4, 2, 1, 7, 3, 0.25));

            store.finish("r1", RunStatus.FINISHED, StopReason.BUDGET, 0.5, account);

            assertThat(store.spentByRole("r1")).isEqualTo(account);
        }
    }

    @Test
    void a_failed_run_keeps_its_error_and_can_be_resumed() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            store.start("r1", "math", CONFIG, T0).failed(new IllegalStateException("provider down\nstack"));

            RunDetails details = store.run("r1").orElseThrow();
            assertThat(details.summary().status()).isEqualTo(RunStatus.FAILED);
            assertThat(details.error()).isEqualTo("IllegalStateException: provider down");
            assertThat(details.summary().status().resumable()).isTrue();
            assertThat(store.unfinished(CONFIG)).hasSize(1);
        }
    }

    @Test
    void finishing_an_unknown_run_says_so() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            assertThatThrownBy(() -> store.finish("nope", RunStatus.FINISHED, StopReason.COMPLETED, null, null))
                    .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("run nope is not in the store");
        }
    }

    /** A clock a test moves by hand. */
    private static final class HandClock extends java.time.Clock {
        Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void the_time_of_earlier_attempts_adds_up_from_each_attempts_start_to_its_last_write() {
        HandClock clock = new HandClock();
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), clock)) {
            store.start("r1", "math", CONFIG, T0);
            assertThat(store.earlierAttempts("r1")).isZero();
            clock.now = T0.plusSeconds(30);
            store.finish("r1", RunStatus.STOPPED, StopReason.INTERRUPTED, null, paid(3, 0.1)); // its last write

            clock.now = T0.plusSeconds(500); // resumed much later: the pause does not count
            store.start("r1", "math", CONFIG);
            assertThat(store.earlierAttempts("r1")).hasSeconds(30);
            clock.now = T0.plusSeconds(520);
            store.finish("r1", RunStatus.STOPPED, StopReason.INTERRUPTED, null, paid(4, 0.1));

            clock.now = T0.plusSeconds(900);
            store.start("r1", "math", CONFIG);
            assertThat(store.earlierAttempts("r1")).hasSeconds(50);
        }
    }
}

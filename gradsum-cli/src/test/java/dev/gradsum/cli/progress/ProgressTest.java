package dev.gradsum.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.engine.CallEstimate;
import dev.gradsum.engine.Stage;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.ScoredCandidate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final HandClock clock = new HandClock();

    private static Usage calls(long n) {
        return new Usage(n, 0, 0, 0, n * 100, n * 20, n * 0.001);
    }

    private static Iteration iteration(int index, double best) {
        Candidate c = new Candidate("c3", PromptTemplate.of("p {x}"), "c0", index, "summary");
        return new Iteration(index, Map.of(), Map.of(), Map.of(), List.of(new ScoredCandidate(c, best, 4, 0)),
                List.of("c3", "c0"), List.of(), true);
    }

    @Test
    void log_lines_are_written_as_each_stage_ends_with_its_calls_and_the_totals_so_far() {
        Progress p = Progress.forOutput(out, false, clock, 10, new CallEstimate.Range(100, 100));
        p.start();
        p.stageStarted(2, Stage.VALIDATE, 24);
        clock.now = clock.now.plus(Duration.ofSeconds(20));
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(20));
        p.iterationFinished(iteration(2, 0.75));
        p.stageStarted(3, Stage.GENERATE, 8);
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(28));
        p.stageStarted(3, Stage.EVALUATE, 8);
        p.finish();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        // 20 calls in 20 s, 80 to go: 80 s
        assertThat(lines.get(0)).isEqualTo("gradsum: iteration 2/10 · validate · calls 20/100 · 2.4k tokens · $0.02 · ETA 1m20s · best - (this stage: 20 of up to 24 calls)");
        assertThat(lines.get(1)).isEqualTo("gradsum: iteration 2 done: best c3 0.750; beam c3, c0; improved");
        assertThat(lines.get(2)).startsWith("gradsum: iteration 3/10 · generate · calls 28/100 · 3.4k tokens").endsWith("best 0.750 (this stage: 8 calls)");
        // the run stopped during the evaluate stage: reported as it stands
        assertThat(lines.get(3)).startsWith("gradsum: iteration 3/10 · evaluate · calls 28/100").endsWith("(this stage: 0 of up to 8 calls)");
    }

    @Test
    void a_stage_that_calls_no_model_says_so() {
        Progress p = Progress.forOutput(out, false, clock, 3, new CallEstimate.Range(100, 100));
        p.stageStarted(1, Stage.GENERATE, 4);
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(4));
        p.stageStarted(1, Stage.EVALUATE, 0); // a programmatic metric
        p.stageStarted(1, Stage.GRADIENTS, 2);
        p.onCall(Role.GRADIENT, new LlmReply("a", 100, 20, false), calls(5));
        p.stageStarted(1, Stage.SUMMARIZE, 1);
        p.onCall(Role.SUMMARIZER, new LlmReply("a", 100, 20, false), calls(6));
        p.finish();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("· generate · calls 4/100").endsWith("(this stage: 4 calls)");
        assertThat(lines.get(1)).contains("· evaluate · calls 4/100").endsWith("(this stage: no model calls)");
        assertThat(lines.get(2)).contains("· gradients · calls 5/100").endsWith("(this stage: 1 of up to 2 calls)");
        assertThat(lines.get(3)).contains("· summarize · calls 6/100").endsWith("(this stage: 1 call)");
    }

    @Test
    void the_live_line_is_redrawn_in_place_at_most_ten_times_a_second_and_erased_when_the_run_ends() {
        Progress p = Progress.forOutput(out, true, clock, 10, new CallEstimate.Range(100, 100));
        p.stageStarted(1, Stage.GENERATE, 4);
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(1));
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(2));
        clock.now = clock.now.plusMillis(150);
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(3));
        p.finish();

        String text = bytes.toString(StandardCharsets.UTF_8);
        String[] draws = text.split("\r", -1);
        assertThat(draws).hasSize(5); // start, one throttled redraw, then the erasure: blanks, back to column 0
        assertThat(draws[2]).contains("iteration 1/10 · generate · calls 3/100");
        assertThat(draws[3]).isBlank().hasSize(draws[2].length());
        assertThat(draws[4]).isEmpty();
        assertThat(text).doesNotContain("\n");
    }

    @Test
    void calls_show_done_of_the_plans_expected_count_and_the_eta_follows_it_as_iterations_finish() {
        // plan: 100..1000 calls, expected 100 + 300 in the two iterations, 40 in the final test
        Progress p = Progress.forOutput(out, false, clock, 2,
                new ExpectedCalls(new CallEstimate.Range(100, 1000), new CallEstimate.Expected(List.of(100L, 300L), 40)));
        p.start();
        p.stageStarted(1, Stage.GENERATE, 60);
        clock.now = clock.now.plus(Duration.ofSeconds(10));
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(10));
        // 10 done in 10 s, 440 expected: 430 left at 1 call/s
        assertThat(p.status()).contains("· calls 10/440 ·").contains("· ETA 7m10s ·");

        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(120));
        p.iterationFinished(iteration(1, 0.5));
        p.stageStarted(2, Stage.GENERATE, 90);
        // iteration 1 made 120 of its 100: iteration 2 is expected to make 1.2 · 300
        assertThat(p.status()).contains("· calls 120/520 ·");
    }

    @Test
    void the_expected_count_never_leaves_the_plans_range_nor_falls_below_the_calls_done() {
        Progress p = Progress.forOutput(out, false, clock, 10, new CallEstimate.Range(100, 300));
        p.stageStarted(1, Stage.GENERATE, 100);
        p.stageStarted(1, Stage.EVALUATE, 100);
        // a plan known only by its range expects its middle
        assertThat(p.status()).contains("· calls 0/200 ·");
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(350));
        assertThat(p.status()).contains("· calls 350/350 ·").contains("· ETA - ·");
    }

    @Test
    void a_resumed_run_counts_from_its_earlier_spending_and_names_replayed_answers_apart() {
        Progress p = Progress.forOutput(out, false, clock, 10, new CallEstimate.Range(100, 100));
        p.resumedFrom(calls(40)); // earlier attempts paid 40 calls
        p.stageStarted(1, Stage.GENERATE, 30);
        for (int i = 0; i < 30; i++) {
            p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false).asReplayed(), calls(40));
        }
        p.stageStarted(1, Stage.EVALUATE, 30);
        for (int i = 0; i < 10; i++) {
            p.onCall(Role.JUDGE, new LlmReply("a", 100, 20, false).asReplayed(), calls(40));
        }
        p.onCall(Role.JUDGE, new LlmReply("a", 100, 20, false), calls(41));
        p.finish();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).as("the replayed stage is summed up where the run picks up")
                .isEqualTo("gradsum: iteration 1 replayed from the earlier attempts (30 answers, free)");
        assertThat(lines.get(1)).contains("· evaluate · calls 41/100 · 4.9k tokens")
                .endsWith("(this stage: 11 of up to 30 calls, 10 replayed from the earlier attempts)");
        assertThat(lines).hasSize(2);
    }

    @Test
    void a_resumed_run_starts_its_lines_at_the_iteration_it_picks_up() {
        Progress p = Progress.forOutput(out, false, clock, 10, new CallEstimate.Range(100, 100));
        p.resumedFrom(calls(40));
        for (int it = 1; it <= 2; it++) {
            p.stageStarted(it, Stage.GENERATE, 5);
            for (int i = 0; i < 5; i++) {
                p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false).asReplayed(), calls(40));
            }
            p.stageStarted(it, Stage.EVALUATE, 0); // a metric: no model calls
            p.iterationFinished(iteration(it, 0.5));
        }
        p.stageStarted(3, Stage.GENERATE, 5);
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(41));
        p.iterationFinished(iteration(3, 0.6));
        p.finish();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("gradsum: iterations 1–2 replayed from the earlier attempts (10 answers, free)");
        assertThat(lines.get(1)).startsWith("gradsum: iteration 3/10 · generate");
        assertThat(lines.get(2)).startsWith("gradsum: iteration 3 done: best");
        assertThat(lines).hasSize(3);
    }
}

package dev.gradsum.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.LlmReply;
import dev.gradsum.llm.Role;
import dev.gradsum.llm.Usage;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.Stage;
import dev.gradsum.task.PromptTemplate;
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
    void log_lines_name_iteration_stage_calls_tokens_cost_eta_and_best() {
        Progress p = Progress.forOutput(out, false, clock, 10, 100);
        p.start();
        p.stageStarted(2, Stage.VALIDATE, 24);
        clock.now = clock.now.plus(Duration.ofSeconds(20));
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(20));
        p.iterationFinished(iteration(2, 0.75));
        p.stageStarted(3, Stage.GENERATE, 8);
        p.finish();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("gradsum: iteration 2/10 · validate · calls 0/100 · 0 tokens · $0.00 · ETA - · best - (stage: up to 24 calls)");
        assertThat(lines.get(1)).isEqualTo("gradsum: iteration 2 done: best c3 0.750; beam c3, c0; improved");
        // 20 calls in 20 s, 80 to go: 80 s
        assertThat(lines.get(2)).isEqualTo("gradsum: iteration 3/10 · generate · calls 20/100 · 2.4k tokens · $0.02 · ETA 1m20s · best 0.750 (stage: up to 8 calls)");
    }

    @Test
    void the_live_line_is_redrawn_in_place_at_most_ten_times_a_second_and_ends_with_a_newline() {
        Progress p = Progress.forOutput(out, true, clock, 10, 100);
        p.stageStarted(1, Stage.GENERATE, 4);
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(1));
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(2));
        clock.now = clock.now.plusMillis(150);
        p.onCall(Role.TARGET, new LlmReply("a", 1, 1, false), calls(3));
        p.finish();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n" + "\r").endsWith("\n");
        assertThat(text.split("\r", -1)).hasSize(4); // start, one throttled redraw, final redraw
        assertThat(text).contains("iteration 1/10 · generate · calls 3/100");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}

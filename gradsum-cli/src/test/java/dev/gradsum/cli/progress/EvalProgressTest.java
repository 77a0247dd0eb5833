package dev.gradsum.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.LlmReply;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Progress#forEval}: {@code eval} shows the live line or plain lines as {@code optimize} does (issue 11, item 7). */
class EvalProgressTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final ProgressTest.HandClock clock = new ProgressTest.HandClock();

    private static Usage calls(long n) {
        return new Usage(n, 0, 0, 0, n * 100, n * 20, n * 0.001);
    }

    @Test
    void on_a_terminal_the_eval_line_shows_calls_done_of_expected_and_an_eta_and_is_erased_at_the_end() {
        Progress p = Progress.forEval(out, true, clock, 40); // 20 rows, target and judge
        p.start();
        clock.now = clock.now.plusSeconds(10);
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(10));
        String shown = bytes.toString(StandardCharsets.UTF_8);
        p.finish();

        String[] draws = shown.split("\r", -1);
        // 10 calls in 10 s, 30 to go: 30 s
        assertThat(draws[draws.length - 1]).isEqualTo("eval · calls 10/40 · 1.2k tokens · $0.01 · ETA 30s");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n").doesNotContain("best").doesNotContain("iteration");
    }

    @Test
    void otherwise_a_plain_line_says_what_the_eval_made() {
        Progress p = Progress.forEval(out, false, clock, 8);
        p.start();
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(8));
        p.finish();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "gradsum: eval · calls 8/8 · 960 tokens · $0.01 · ETA - (this stage: 8 calls)");
    }

    @Test
    void a_second_run_with_its_own_count_adds_to_the_first_instead_of_replacing_it() {
        // eval --baseline: each prompt is rated by a run whose usage count starts from zero
        Progress p = Progress.forEval(out, false, clock, 16);
        p.start();
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(8));
        p.runFinished();
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(3));
        p.onCall(Role.TARGET, new LlmReply("a", 100, 20, false), calls(8));
        p.finish();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("gradsum: eval · calls 16/16 · 1.9k tokens · $0.02");
    }
}

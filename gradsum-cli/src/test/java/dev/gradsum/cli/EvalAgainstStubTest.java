package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.ModelServerStub.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 5: {@code eval} counts failed calls and retries in its usage line and exits 1 when rows
 * failed for good, against a stub server that drops the connection (retried, docs/cli.md) of one row's
 * target call on every attempt.
 */
class EvalAgainstStubTest extends AgainstStub {
    static final Map<String, String> ENV = OptimizeAgainstStubTest.ENV;


    private Path task() {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        return folder.task(TaskFolder.yaml(model, model, ""));
    }

    @Test
    void a_row_whose_call_failed_for_good_is_counted_and_makes_eval_exit_1() {
        // the first row asked about loses its connection on every attempt; the other rows are answered
        java.util.concurrent.atomic.AtomicReference<String> doomed = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
        stub.gate(body -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Tell me about the capital of (\\w+)\\.").matcher(body);
            if (m.find() && !body.contains("EXPECTED") && m.group(1).equals(doomed.updateAndGet(d -> d == null ? m.group(1) : d))) {
                dropped.incrementAndGet();
                throw new IllegalStateException("connection dropped");
            }
        });

        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task().toString(), "--concurrency", "1");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("of 3 rated rows passed (3/4 rows rated)")
                .contains("1 generation(s) failed")
                .containsPattern("Usage: \\d+ requests \\(\\d+ paid, 0 from cache, 1 failed\\), 10 retries, ");
        // the progress line (plain: not a terminal) as eval ends: 3 rows answered and judged of up to 4 × 2 calls
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("gradsum: eval · calls 6/8 · ").endsWith("(this stage: 6 of up to 8 calls)");
        assertThat(r.errLines().get(1)).isEqualTo("eval: 1 of 4 rows could not be rated (1 generation call(s) failed"
                + " after retries); the score covers the 3 rated row(s) only");
        // 6 attempts and, on top, 5 quick resends (a dropped connection is a transient failure: docs/cli.md)
        assertThat(dropped.get()).isEqualTo(11);
    }

    @Test
    void every_row_rated_is_exit_0() {
        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task().toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("of 4 rated rows passed.").contains(", 0 retries, ");
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("gradsum: eval · calls 8/8 · ").endsWith("(this stage: 8 calls)");
    }
}

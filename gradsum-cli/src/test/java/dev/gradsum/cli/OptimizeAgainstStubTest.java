package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.ModelServerStub.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** {@code gradsum optimize} end to end against local OpenAI-compatible and Anthropic stubs. */
class OptimizeAgainstStubTest extends AgainstStub {
    static final String KEY = "sk-test-SECRET-4242424242";
    static final Map<String, String> ENV = Map.of("STUB_KEY", KEY, "ANTHROPIC_KEY", KEY);


    private CliRunner.Outcome optimize(String yaml) {
        Path task = folder.task(yaml);
        return CliRunner.run(ENV, "optimize", task.toString(), "--out", dir.resolve("runs").toString());
    }

    private String openAiTask() {
        return TaskFolder.yaml(TaskFolder.openAi(stub.baseUrl(), ""), TaskFolder.openAi(stub.baseUrl(), ""), "");
    }

    private Path runFolder() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    @Test
    void full_run_with_an_openai_compatible_target_and_an_anthropic_optimizer_writes_the_run_folder() throws IOException {
        String anthropic = "{provider: anthropic, model: claude-stub, base_url: " + stub.baseUrl()
                + "/, api_key_env: ANTHROPIC_KEY}";
        CliRunner.Outcome r = optimize(TaskFolder.yaml(TaskFolder.openAi(stub.baseUrl(), ""), anthropic, ""));

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path run = runFolder();
        String best = Files.readString(run.resolve("best_prompt.txt"), StandardCharsets.UTF_8);
        assertThat(best).contains("{country}").contains(ModelServerStub.FIX);
        assertThat(run.resolve("result.json")).isNotEmptyFile();
        assertThat(run.resolve("report.html")).isNotEmptyFile();
        assertThat(stub.count(Role.EDITOR)).isPositive();
        assertThat(stub.count(Role.SUMMARIZER)).isPositive();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Best prompt saved to " + run.resolve("best_prompt.txt"));
        assertThat(r.out()).contains(best.strip());
        assertThat(r.out()).contains("Test (4 rows").contains("best 1.000");
    }

    @Test
    void a_429_with_retry_after_is_waited_out_then_the_call_succeeds() {
        stub.fail(Role.TARGET, new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .body("{\"error\":{\"message\":\"Rate limit reached\"}}").build());

        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.sleeps()).contains(Duration.ofSeconds(7));
        assertThat(r.out()).contains("from cache), 1 retries, ").doesNotContain(" failed)");
    }

    @Test
    void server_errors_are_retried_then_the_call_succeeds() {
        stub.fail(Role.JUDGE, ModelServerStub.status(500, "{\"error\":{\"message\":\"boom\"}}"),
                ModelServerStub.status(503, "overloaded"));

        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("from cache), 2 retries, ").doesNotContain(" failed)");
        assertThat(r.sleeps()).hasSize(2);
    }

    @Test
    void a_reply_slower_than_the_timeout_is_abandoned_and_retried() {
        String slowTarget = TaskFolder.openAi(stub.baseUrl(), "").replace("timeout_seconds: 5", "timeout_seconds: 0.5");
        stub.fail(Role.TARGET, new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).build());

        CliRunner.Outcome r = optimize(TaskFolder.yaml(slowTarget, TaskFolder.openAi(stub.baseUrl(), ""), ""));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("from cache), 1 retries, ").doesNotContain(" failed)");
    }

    @Test
    void a_truncated_or_non_json_judge_reply_is_an_evaluation_error_and_the_run_still_finishes() throws IOException {
        stub.judgeReplies(input -> input.contains("Peru") ? "I would say this looks fine."
                : input.contains("Kenya") ? "{\"reasoning\": \"the answer is trunc" : null);

        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Evaluation errors: \\d+ answer\\(s\\) could not be rated");
        assertThat(Files.readString(runFolder().resolve("best_prompt.txt"))).contains("{country}");
    }

    @Test
    void an_unreachable_base_url_fails_with_one_clear_line_before_any_work() {
        String target = "{provider: openai-compatible, model: m, base_url: http://127.0.0.1:1/v1}";

        CliRunner.Outcome r = optimize(TaskFolder.yaml(target, target, ""));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                "target model: cannot connect to http://127.0.0.1:1/v1 (connection refused); is the server running?");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void the_api_key_is_sent_but_never_appears_in_output_run_files_or_the_store() throws IOException {
        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(stub.authorizations()).contains("Bearer " + KEY);
        assertThat(r.out() + r.err()).doesNotContain("SECRET");
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).anyMatch(f -> f.endsWith("result.json")).anyMatch(f -> f.toString().endsWith(".db"));
            for (Path f : written) {
                // bytes as Latin-1, so the SQLite store is searched too
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("SECRET");
            }
        }
    }

    @Test
    void a_refused_key_stops_the_run_at_once_with_one_line_that_hides_the_echoed_key() {
        MockResponse[] refusals = new MockResponse[50];
        java.util.Arrays.fill(refusals, ModelServerStub.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
        stub.fail(Role.TARGET, refusals);

        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).last().asString().startsWith("target model: HTTP 401 from " + stub.baseUrl() + ": ")
                .contains("Incorrect API key provided: ***").endsWith("; check the API key in $STUB_KEY");
        assertThat(r.out() + r.err()).doesNotContain("SECRET");
        assertThat(stub.count(Role.TARGET)).isLessThanOrEqualTo(8);
        // issue 10, item 6: a failed run writes its folder with what it has (FailedRunAgainstStubTest)
        assertThat(dir.resolve("runs")).isDirectory();
    }

    @Test
    void a_refused_key_stops_eval_with_the_same_one_line() {
        MockResponse[] refusals = new MockResponse[50];
        java.util.Arrays.fill(refusals, ModelServerStub.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
        stub.fail(Role.TARGET, refusals);

        CliRunner.Outcome r = CliRunner.run(ENV, "eval", folder.task(openAiTask()).toString());

        assertThat(r.exitCode()).isEqualTo(1);
        // eval's progress line (issue 11, item 7) comes first, as optimize's stage lines do; the stop is the last line
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("gradsum: eval · calls 0/8 · ");
        assertThat(r.errLines()).last().asString()
                .startsWith("target model: HTTP 401 from " + stub.baseUrl() + ": ")
                .endsWith("; check the API key in $STUB_KEY");
        assertThat(r.out() + r.err()).doesNotContain("SECRET");
    }
}

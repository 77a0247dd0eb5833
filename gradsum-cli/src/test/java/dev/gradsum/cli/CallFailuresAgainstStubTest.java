package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.ModelServerStub.Role;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Calls that fail the way real servers fail, one by one: the run stops with exit 1 and one line within
 * a few wasted calls, rate limits are waited out up to the retry time limit, timeouts are cancelled at the
 * server and named with their key (items 1, 3 and 4 of issue 10).
 */
class CallFailuresAgainstStubTest extends AgainstStub {
    static final String KEY = OptimizeAgainstStubTest.KEY;


    private CliRunner.Outcome optimize(String yaml) {
        return CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", folder.task(yaml).toString(),
                "--out", dir.resolve("runs").toString());
    }

    private String openAiTask() {
        return TaskFolder.yaml(TaskFolder.openAi(stub.baseUrl(), ""), TaskFolder.openAi(stub.baseUrl(), ""), "");
    }

    private static MockResponse[] times(int n, MockResponse response) {
        MockResponse[] all = new MockResponse[n];
        Arrays.fill(all, response);
        return all;
    }

    @Test
    void a_400_on_every_call_stops_the_run_after_three_with_the_providers_own_message() throws Exception {
        // A 400 every call gets: prompts over the model's context length (OpenAI's context_length_exceeded, as
        // users report it: crewAIInc/crewAI-examples#121, mckaywrigley/chatbot-ui#102). A 400 naming a refused
        // parameter is not this case: gradsum drops the parameter and resends (ReasoningModelsAgainstStubTest).
        stub.fail(Role.TARGET, times(200, ModelServerStub.status(400, "{\"error\": {\"message\": \"This model's"
                + " maximum context length is 8192 tokens. However, your messages resulted in 8227 tokens"
                + " (key " + KEY + "). Please reduce the length of the messages.\","
                + " \"type\": \"invalid_request_error\", \"param\": \"messages\", \"code\": \"context_length_exceeded\"}}")));

        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(r.errLines()).last().asString()
                .startsWith("target model stub-model (OPEN_AI): HTTP 400: ")
                .contains("maximum context length is 8192 tokens")
                .endsWith("; the last 3 calls failed the same way, so the run stops");
        assertThat(r.out() + r.err()).as("the key the server echoed").doesNotContain("SECRET");
        assertThat(r.sleeps()).as("a 400 is not retried").isEmpty();
        assertThat(stub.count(Role.TARGET)).as("3 identical failures, plus at most the 3 others in flight (concurrency 4)")
                .isBetween(3, 6);
        assertThat(r.out()).doesNotContain("Best prompt saved");
        assertThat(ResumeAfterKillTest.query(folder.dir.resolve(".gradsum/gradsum.db"), "SELECT status FROM runs"))
                .as("never completed when nothing was rated").isEqualTo("failed");
    }

    @Test
    void a_500_on_every_call_stops_the_run_once_most_calls_failed_naming_the_limits_key() {
        stub.fail(Role.TARGET, times(1000, ModelServerStub.status(500,
                "{\"error\": {\"message\": \"The server had an error while processing your request.\"}}")));

        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(r.errLines()).last().asString()
                .startsWith("5 of the last 5 target calls failed, more than the error rate limit of 50 %, so the run"
                        + " stops; the last: target model stub-model (OPEN_AI): HTTP 500 server error: ")
                .contains("The server had an error while processing your request.")
                .endsWith("(gave up after 11 attempts) (search.max_error_rate)");
        // 6 attempts and, on top, 5 quick resends each (the retry quota pays for 100 of those: docs/cli.md)
        assertThat(stub.count(Role.TARGET)).as("5 calls of 11 attempts, plus the 3 others in flight")
                .isBetween(55, 88);
    }

    @Test
    void the_error_rate_limit_is_a_search_key() {
        stub.fail(Role.TARGET, times(1000, ModelServerStub.status(500, "{\"error\": {\"message\": \"boom\"}}")));
        String yaml = openAiTask().replace("concurrency: 4}", "concurrency: 4, max_error_rate: 1}");

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "eval", folder.task(yaml).toString());

        assertThat(r.err()).doesNotContain("error rate limit");
        assertThat(stub.count(Role.TARGET)).as("every row tried, 6 attempts and 5 quick resends each").isEqualTo(4 * 11);
    }

    @Test
    void a_short_retry_after_is_waited_out_past_six_attempts_and_retries_count_what_the_server_saw() {
        // Retry-After in seconds on a 429 (provider-behaviour.md: provider rate-limit documentation)
        stub.fail(Role.TARGET, times(20, new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .body("{\"error\":{\"message\":\"Rate limit reached for requests\"}}").build()));

        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("from cache), 20 retries, ").doesNotContain(" failed)");
        assertThat(r.sleeps()).hasSize(20).containsOnly(Duration.ofSeconds(1));
    }

    @Test
    void a_rate_limit_that_outlasts_the_retry_time_is_reported_as_such() {
        stub.fail(Role.TARGET, times(1000, new MockResponse.Builder().code(429).addHeader("Retry-After", "60")
                .body("{\"error\":{\"message\":\"Rate limit reached for requests\"}}").build()));

        CliRunner.Outcome r = optimize(openAiTask());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(r.errLines()).last().asString().contains("HTTP 429 rate limited: ")
                .contains("Rate limit reached for requests")
                .contains("(gave up after 6 attempts and 5 min of waiting: the retry time limit");
    }

    @Test
    void every_call_timing_out_stops_the_run_naming_the_timeout_key_and_the_server_never_holds_more_than_the_concurrency()
            throws IOException {
        // a slow model server that aborts a request when its client hangs up, as vLLM does
        // (vllm-project/vllm#6975: "terminating a client connection causes vllm to successfully abort the request";
        // vllm-project/vllm#8332)
        try (HoldingServer slow = new HoldingServer(Duration.ofSeconds(3))) {
            String target = TaskFolder.openAi(slow.baseUrl(), "").replace("timeout_seconds: 5", "timeout_seconds: 0.3");
            String yaml = TaskFolder.yaml(target, TaskFolder.openAi(stub.baseUrl(), ""), "")
                    .replace("concurrency: 4}", "concurrency: 2}");

            CliRunner.Outcome r = optimize(yaml);

            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.RUN_FAILED);
            assertThat(r.errLines()).last().asString()
                    .contains("target model stub-model (OPEN_AI): timed out after 0.3 s (the model's timeout)")
                    .endsWith("(models.target.timeout_seconds)");
            // at most the concurrency, plus one: the server may read the next request before the hang-up of the
            // one it replaces (its threads race); uncancelled exchanges would pile up to about 10 (3 s held, 0.3 s timeout)
            assertThat(slow.maxInFlight()).as("requests the server worked on at once").isLessThanOrEqualTo(2 + 1);
            assertThat(slow.abandoned()).as("timed-out requests the server saw abandoned").isEqualTo(slow.received());
        }
    }
}

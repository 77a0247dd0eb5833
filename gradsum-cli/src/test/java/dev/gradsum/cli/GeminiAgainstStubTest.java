package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.ModelServerStub.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code gradsum optimize} end to end with the {@code gemini} provider against a local stub speaking
 * Google's {@code generateContent} REST format: LangChain4j's Gemini client on gradsum's HTTP client.
 */
class GeminiAgainstStubTest extends AgainstStub {
    static final String KEY = "AIza-test-SECRET-4242424242";


    private String geminiBaseUrl() {
        return stub.baseUrl().replace("/v1", "/v1beta");
    }

    /** A gemini model at the stub, reading its key from the provider's default variable. */
    private String gemini() {
        return "{provider: gemini, model: gemini-stub, base_url: " + geminiBaseUrl() + ", timeout_seconds: 5}";
    }

    private CliRunner.Outcome optimize(Map<String, String> env, String yaml) {
        Path task = folder.task(yaml);
        return CliRunner.run(env, "optimize", task.toString(), "--out", dir.resolve("runs").toString());
    }

    private CliRunner.Outcome optimize(String yaml) {
        return optimize(Map.of("GEMINI_API_KEY", KEY), yaml);
    }

    private Path runFolder() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    @Test
    void full_run_with_gemini_as_target_and_optimizer_speaks_the_generate_content_format() throws IOException {
        CliRunner.Outcome r = optimize(TaskFolder.yaml(gemini(), gemini(), ""));

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path run = runFolder();
        String best = Files.readString(run.resolve("best_prompt.txt"), StandardCharsets.UTF_8);
        assertThat(best).contains("{country}").contains(ModelServerStub.FIX);
        assertThat(run.resolve("result.json")).isNotEmptyFile();
        assertThat(stub.count(Role.EDITOR)).isPositive();
        assertThat(stub.count(Role.SUMMARIZER)).isPositive();
        assertThat(stub.requestTargets()).isNotEmpty().allMatch("/v1beta/models/gemini-stub:generateContent"::equals);
        assertThat(r.out()).contains("Test (4 rows").contains("best 1.000");
        // usageMetadata is read: the stub bills 20 prompt + 5 candidate tokens per paid request
        Matcher usage = Pattern.compile("Usage: \\d+ requests \\((\\d+) paid.*, (\\d+) input \\+ (\\d+) output tokens")
                .matcher(r.out());
        assertThat(usage.find()).as(r.out()).isTrue();
        int paid = Integer.parseInt(usage.group(1));
        assertThat(paid).isPositive();
        assertThat(Integer.parseInt(usage.group(2))).isEqualTo(20 * paid);
        assertThat(Integer.parseInt(usage.group(3))).isEqualTo(5 * paid);
    }

    @Test
    void the_key_goes_in_the_x_goog_api_key_header_never_the_url_and_never_into_output_or_run_files() throws IOException {
        CliRunner.Outcome r = optimize(TaskFolder.yaml(gemini(), gemini(), ""));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(stub.authorizations()).isNotEmpty().containsOnly(KEY);
        assertThat(stub.requestTargets()).noneMatch(t -> t.contains("?")).noneMatch(t -> t.contains("SECRET"));
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
    void a_base_url_ending_in_a_slash_still_calls_v1beta_models_without_a_double_slash() {
        String slashed = gemini().replace("/v1beta,", "/v1beta/,");

        CliRunner.Outcome r = optimize(TaskFolder.yaml(slashed, slashed, ""));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(stub.requestTargets()).isNotEmpty().allMatch("/v1beta/models/gemini-stub:generateContent"::equals);
    }

    @Test
    void a_429_with_retry_after_is_waited_out_then_the_call_succeeds() {
        stub.fail(Role.TARGET, new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .addHeader("Content-Type", "application/json")
                .body("{\"error\": {\"code\": 429, \"message\": \"Resource has been exhausted\", "
                        + "\"status\": \"RESOURCE_EXHAUSTED\"}}").build());

        CliRunner.Outcome r = optimize(TaskFolder.yaml(gemini(), gemini(), ""));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.sleeps()).contains(Duration.ofSeconds(7));
        assertThat(r.out()).contains("from cache), 1 retries, ").doesNotContain(" failed)");
    }

    @Test
    void a_429_without_the_header_waits_the_retry_delay_google_puts_in_the_body() {
        stub.fail(Role.TARGET, ModelServerStub.status(429, """
                {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED",
                 "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "12s"}]}}"""));

        CliRunner.Outcome r = optimize(TaskFolder.yaml(gemini(), gemini(), ""));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.sleeps()).contains(Duration.ofSeconds(12));
        assertThat(r.out()).contains("from cache), 1 retries, ").doesNotContain(" failed)");
    }

    @Test
    void a_key_google_refuses_with_400_api_key_invalid_stops_the_run_at_once_hiding_the_echoed_key() {
        MockResponse[] refusals = new MockResponse[50];
        Arrays.fill(refusals, ModelServerStub.status(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key. (%s)",
                 "status": "INVALID_ARGUMENT", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                 "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]}}""".formatted(KEY)));
        stub.fail(Role.TARGET, refusals);

        CliRunner.Outcome r = optimize(TaskFolder.yaml(gemini(), gemini(), ""));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).last().asString().startsWith("target model: HTTP 400 from " + geminiBaseUrl() + ": ")
                .contains("API key not valid. Please pass a valid API key. (***)")
                .endsWith("; check the API key in $GEMINI_API_KEY");
        assertThat(r.out() + r.err()).doesNotContain("SECRET");
        assertThat(stub.count(Role.TARGET)).isLessThanOrEqualTo(8);
        // issue 10, item 6: a failed run writes its folder with what it has (FailedRunAgainstStubTest)
        assertThat(dir.resolve("runs")).isDirectory();
    }

    @Test
    void a_missing_gemini_api_key_fails_before_any_call_naming_the_variable() {
        CliRunner.Outcome r = optimize(Map.of(), TaskFolder.yaml(gemini(), gemini(), ""));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .endsWith(": models.target.api_key_env: environment variable GEMINI_API_KEY is not set "
                        + "(export GEMINI_API_KEY=... before running gradsum)");
        assertThat(stub.requestTargets()).isEmpty();
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void a_missing_custom_key_variable_is_the_one_named() {
        String custom = gemini().replace("}", ", api_key_env: MY_GOOGLE_KEY}");

        CliRunner.Outcome r = optimize(TaskFolder.yaml(custom, custom, ""));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("environment variable MY_GOOGLE_KEY is not set").doesNotContain("SECRET");
        assertThat(stub.requestTargets()).isEmpty();
    }
}

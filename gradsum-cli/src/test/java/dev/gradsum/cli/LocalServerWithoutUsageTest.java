package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradsum eval} against a local OpenAI-compatible server that sends no {@code usage}
 * (triton-inference-server/server#8194, LostRuins/koboldcpp#603, microsoft/foundry-local#369) and serves a
 * model the price table does not know: tokens are counted and marked estimated, the cost is unknown.
 */
class LocalServerWithoutUsageTest {
    @TempDir
    Path dir;
    MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body("{\"id\": \"c1\", \"object\": \"chat.completion\", \"created\": 0, \"model\": \"llama3.1:8b\","
                                + " \"choices\": [{\"index\": 0, \"finish_reason\": \"stop\","
                                + " \"message\": {\"role\": \"assistant\", \"content\": \"Paris\"}}]}")
                        .build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void eval_marks_counted_tokens_estimated_and_the_cost_unknown() {
        TaskFolder folder = new TaskFolder(dir.resolve("task"));
        Path task = folder.task("""
                name: capitals
                description: Name the capital city of a country.
                prompt: "Capital of {country}? Answer with the city only."
                data: {path: data.jsonl, split: {train: 4, validation: 4, test: 4}}
                evaluation: {metric: exact, expected: capital}
                models:
                  target: {provider: openai-compatible, model: "llama3.1:8b", base_url: "%s"}
                store: .gradsum/gradsum.db
                """.formatted(server.url("/v1")));

        CliRunner.Outcome r = CliRunner.run(Map.of(), "eval", task.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Usage: .* [1-9][0-9]* tokens \\(estimated\\), cost unknown\\.");
        assertThat(r.out()).doesNotContain("$0.0000");
    }

    @Test
    void the_runs_list_says_the_cost_of_a_run_on_an_unpriced_model_is_unknown() {
        TaskFolder folder = new TaskFolder(dir.resolve("task"));
        Path task = folder.task("""
                name: capitals
                description: Name the capital city of a country.
                prompt: "Capital of {country}? Answer with the city only."
                data: {path: data.jsonl, split: {train: 4, validation: 4, test: 4}}
                evaluation: {metric: exact, expected: capital}
                search: {iterations: 0}
                models:
                  target: {provider: openai-compatible, model: "llama3.1:8b", base_url: "%s"}
                store: .gradsum/gradsum.db
                """.formatted(server.url("/v1")));
        Path store = folder.dir.resolve(".gradsum/gradsum.db");
        CliRunner.Outcome run = CliRunner.run(Map.of(), "optimize", task.toString(), "--out", dir.resolve("runs").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        CliRunner.Outcome list = CliRunner.run(Map.of(), "runs", "--store", store.toString());

        assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).endsWith("cost unknown").doesNotContain("$");
    }
}

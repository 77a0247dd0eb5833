package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.cli.ModelServerStub.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradsum optimize} end to end with reasoning models as the optimizer: the run still improves the
 * prompt, never sending what the model refuses (OpenAI's 400 {@code unsupported_value} for a temperature
 * other than 1: OpenHands/OpenHands#4131, clifton/rstructor#22).
 */
class ReasoningModelsAgainstStubTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ModelServerStub stub;
    TaskFolder folder;
    final List<JsonNode> editorRequests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        stub = new ModelServerStub(TaskFolder.CAPITALS).gate(body -> {
            try {
                JsonNode node = JSON.readTree(body);
                if (node.toString().contains("<summary>")) {
                    editorRequests.add(node);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        folder = new TaskFolder(dir.resolve("task"));
    }

    @AfterEach
    void stop() throws IOException {
        stub.close();
    }

    private CliRunner.Outcome optimize(String optimizer) {
        Path task = folder.task(TaskFolder.yaml(TaskFolder.openAi(stub.baseUrl(), ""), optimizer, ""));
        return CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", task.toString(), "--out", dir.resolve("runs").toString());
    }

    private String bestPrompt() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return Files.readString(runs.findFirst().orElseThrow().resolve("best_prompt.txt"), StandardCharsets.UTF_8);
        }
    }

    @Test
    void a_gpt5_optimizer_gets_no_temperature_and_still_improves_the_prompt() throws IOException {
        String optimizer = "{provider: openai-compatible, model: gpt-5-mini, base_url: " + stub.baseUrl()
                + ", api_key_env: STUB_KEY, temperature: 0, max_tokens: 4000}";

        CliRunner.Outcome r = optimize(optimizer);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(bestPrompt()).contains(ModelServerStub.FIX);
        assertThat(editorRequests).isNotEmpty().allSatisfy(body -> {
            assertThat(body.has("temperature")).isFalse();
            assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(4000);
        });
        assertThat(r.err()).doesNotContain("refused");
    }

    @Test
    void a_model_refusing_the_editors_temperature_has_it_dropped_once_and_the_run_goes_on() throws IOException {
        stub.fail(Role.EDITOR, ModelServerStub.status(400, """
                {"error": {"message": "Unsupported value: 'temperature' does not support 0.7 with this model. \
                Only the default (1) value is supported.", "type": "invalid_request_error", "param": "temperature", \
                "code": "unsupported_value"}}"""));

        CliRunner.Outcome r = optimize(TaskFolder.openAi(stub.baseUrl(), ""));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(bestPrompt()).contains(ModelServerStub.FIX);
        assertThat(r.errLines()).filteredOn(l -> l.contains("refused temperature")).singleElement().asString()
                .startsWith("optimizer model stub-model refused temperature (HTTP 400)");
        assertThat(editorRequests.get(0).has("temperature")).isTrue();
        assertThat(editorRequests.subList(1, editorRequests.size())).isNotEmpty()
                .allSatisfy(body -> assertThat(body.has("temperature")).isFalse());
    }
}

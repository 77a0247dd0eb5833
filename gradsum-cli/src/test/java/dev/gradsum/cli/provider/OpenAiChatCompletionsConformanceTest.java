package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.LlmException;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.model.Role;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ProviderContract} against OpenAI chat completions, with its reasoning models' refusals. */
class OpenAiChatCompletionsConformanceTest extends ProviderContract {
    @Override
    WireStub newStub() {
        return new OpenAiChatCompletionsStub();
    }

    private ModelSpec section(String model, Double temperature, Integer maxTokens, Set<String> unsupported,
                              String effort) {
        return new ModelSpec("optimizer", Provider.OPENAI_COMPATIBLE, model, null, stub.baseUrl(), temperature,
                maxTokens, Duration.ofSeconds(10), null, effort, null, unsupported, null);
    }

    @Test
    void a_reasoning_model_from_the_table_gets_no_temperature_and_max_completion_tokens() {
        // examples/ use temperature: 0 targets; the editor asks for 0.7 per request (OpenHands/OpenHands#4131)
        var reply = ask(stub.spec("target", "gpt-5-mini", 0.0, 500), LlmRequest.user("q").withTemperature(0.7));

        assertThat(reply.text()).isEqualTo("Paris");
        assertThat(stub.lastRequest().has("temperature")).isFalse();
        assertThat(stub.lastRequest().path("max_completion_tokens").asInt()).isEqualTo(500);
        assertThat(stub.lastRequest().has("max_tokens")).isFalse();
        assertThat(notices).isEmpty();
    }

    @Test
    void a_model_the_table_does_not_know_refusing_temperature_has_it_dropped_once_with_one_line() {
        ModelSpec spec = stub.spec("editor", "my-reasoner", null, null);
        var llm = path(CallCache.inMemory()).llm(Role.EDITOR, model(spec));

        assertThat(llm.chat(LlmRequest.user("first").withTemperature(0.7)).text()).isEqualTo("Paris");
        assertThat(llm.chat(LlmRequest.user("second").withTemperature(0.7)).text()).isEqualTo("Paris");

        assertThat(stub.requests()).hasSize(3); // refused once, then sent without temperature twice
        assertThat(stub.requests().get(0).has("temperature")).isTrue();
        assertThat(stub.requests().get(1).has("temperature")).isFalse();
        assertThat(stub.requests().get(2).has("temperature")).isFalse();
        assertThat(notices).singleElement().asString()
                .contains("editor model my-reasoner refused temperature (HTTP 400)")
                .contains("no longer sends temperature")
                .contains("set unsupported_parameters: [temperature] in models.editor");
    }

    @Test
    void a_server_refusing_one_parameter_after_another_has_each_dropped_within_the_same_call() {
        ModelSpec spec = stub.spec("target", "my-reasoner", 0.5, 100);

        assertThat(ask(spec, LlmRequest.user("q")).text()).isEqualTo("Paris");

        assertThat(stub.requests()).hasSize(3);
        assertThat(stub.lastRequest().has("temperature")).isFalse();
        assertThat(stub.lastRequest().path("max_completion_tokens").asInt()).isEqualTo(100);
        assertThat(notices).hasSize(2);
    }

    @Test
    void a_refused_max_tokens_moves_to_max_completion_tokens() {
        // griptape-ai/ComfyUI-Griptape#312: "Use 'max_completion_tokens' instead."
        ModelSpec spec = new ModelSpec("target", Provider.OPENAI_COMPATIBLE, "my-reasoner", null, stub.baseUrl(),
                null, 200, Duration.ofSeconds(10), null, null, null, null, "max_tokens");

        assertThat(ask(spec, LlmRequest.user("q")).text()).isEqualTo("Paris");

        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests().get(0).path("max_tokens").asInt()).isEqualTo(200);
        assertThat(stub.requests().get(1).path("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(notices).singleElement().asString().contains("sends max_completion_tokens instead of max_tokens")
                .contains("set max_tokens_parameter: max_completion_tokens in models.target");
    }

    @Test
    void a_server_refusing_the_same_parameter_again_fails_the_call_after_one_drop() {
        // after one drop there is nothing left to adapt: the second refusal is the call's failure
        OpenAiChatCompletionsStub alwaysRefusing = new OpenAiChatCompletionsStub(Set.of("my-reasoner")) {
            @Override
            mockwebserver3.MockResponse respond(com.fasterxml.jackson.databind.JsonNode request, int n) {
                return status(400, error("Unsupported parameter: 'top_p'", "top_p", "unsupported_parameter"));
            }
        };
        try (alwaysRefusing) {
            ModelSpec spec = new ModelSpec("target", Provider.OPENAI_COMPATIBLE, "my-reasoner", null,
                    alwaysRefusing.baseUrl(), null, null, Duration.ofSeconds(10), null);
            var llm = path(CallCache.inMemory()).llm(Role.TARGET, model(spec));

            assertThatThrownBy(() -> llm.chat(LlmRequest.user("q"))).isInstanceOf(LlmException.class)
                    .hasMessageContaining("HTTP 400");
            assertThat(alwaysRefusing.requests()).hasSize(2);
            assertThat(notices).hasSize(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reasoning_effort_of_the_section_is_sent() {
        // gepa-ai/gepa#336: optimizers should pass reasoning_effort through
        ask(section("o4-mini", null, null, null, "low"), LlmRequest.user("q"));

        assertThat(stub.lastRequest().path("reasoning_effort").asText()).isEqualTo("low");
    }

    @Test
    void the_sections_unsupported_parameters_replace_the_table_row() {
        ask(section("gpt-4o-mini", 0.3, null, Set.of("temperature"), null), LlmRequest.user("q").withTemperature(0.7));

        assertThat(stub.lastRequest().has("temperature")).isFalse();
    }

    @Test
    void openai_itself_gets_max_completion_tokens() {
        ModelSpec spec = new ModelSpec("target", Provider.OPENAI, "gpt-4o-mini", null, stub.baseUrl(), null, 77,
                Duration.ofSeconds(10), null);

        ask(spec, LlmRequest.user("q"));

        assertThat(stub.lastRequest().path("max_completion_tokens").asInt()).isEqualTo(77);
    }
}

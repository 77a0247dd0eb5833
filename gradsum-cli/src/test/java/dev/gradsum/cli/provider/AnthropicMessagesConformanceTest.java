package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.LlmReply;
import dev.gradsum.llm.LlmRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ProviderContract} against Anthropic messages. */
class AnthropicMessagesConformanceTest extends ProviderContract {
    @Override
    WireStub newStub() {
        return new AnthropicMessagesStub();
    }

    @Test
    void the_editors_default_max_tokens_fits_its_k_prompts() {
        ask(stub.spec("editor", null, null), LlmRequest.user("q"));

        assertThat(stub.lastRequest().path("max_tokens").asInt())
                .isEqualTo(ChatModels.DEFAULT_MAX_TOKENS + K * ChatModels.TOKENS_PER_PROMPT);
    }

    @Test
    void a_target_without_max_tokens_still_sends_the_required_field() {
        ask(stub.spec("target", null, null), LlmRequest.user("q"));

        assertThat(stub.lastRequest().path("max_tokens").asInt()).isEqualTo(ChatModels.DEFAULT_MAX_TOKENS);
    }

    @Test
    void a_thinking_budget_is_sent_as_extended_thinking_without_temperature_within_max_tokens() {
        ModelSpec spec = new ModelSpec("judge", Provider.ANTHROPIC, stub.model(), null, stub.baseUrl(), 0.0, null,
                Duration.ofSeconds(10), null, null, 2048, null, null);

        LlmReply reply = ask(spec, LlmRequest.user("q").withTemperature(0.0));
        assertThat(reply.text()).as("the answer alone").isEqualTo("Paris");
        assertThat(reply.reasoning()).as("the thinking block, kept apart").isEqualTo("The capital of France is Paris, not Lyon.");

        assertThat(stub.lastRequest().path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(stub.lastRequest().path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
        assertThat(stub.lastRequest().path("max_tokens").asInt()).isEqualTo(ChatModels.DEFAULT_MAX_TOKENS + 2048);
        assertThat(stub.lastRequest().has("temperature")).isFalse();
    }
}

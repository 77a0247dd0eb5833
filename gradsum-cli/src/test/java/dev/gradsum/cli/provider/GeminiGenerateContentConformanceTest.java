package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.LlmRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ProviderContract} against Gemini generateContent. */
class GeminiGenerateContentConformanceTest extends ProviderContract {
    @Override
    WireStub newStub() {
        return new GeminiGenerateContentStub();
    }

    @Test
    void a_thinking_budget_is_sent_in_the_generation_config() {
        ModelSpec spec = new ModelSpec("judge", Provider.GEMINI, stub.model(), null, stub.baseUrl(), null, null,
                Duration.ofSeconds(10), null, null, 0, null, null);

        ask(spec, LlmRequest.user("q"));

        assertThat(stub.lastRequest().path("generationConfig").path("thinkingConfig").path("thinkingBudget").asInt())
                .isZero();
        assertThat(stub.lastRequest().path("generationConfig").path("thinkingConfig").has("thinkingBudget")).isTrue();
    }
}

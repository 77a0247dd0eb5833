package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.model.Role;
import org.junit.jupiter.api.Test;

/** {@link ProviderContract} against an OpenAI-compatible local server (Ollama, vLLM, llama.cpp). */
class LocalOpenAiServerConformanceTest extends ProviderContract {
    @Override
    WireStub newStub() {
        return new LocalOpenAiServerStub();
    }

    @Test
    void a_local_model_without_usage_has_its_tokens_estimated_and_its_cost_unknown() {
        CallPath path = path(CallCache.inMemory());
        path.llm(Role.TARGET, model(stub.spec("target", null, null))).chat(LlmRequest.user("x".repeat(400)));

        assertThat(path.total().tokensEstimated()).isTrue();
        assertThat(path.total().inputTokens()).isGreaterThanOrEqualTo(100); // 4 characters a token
        assertThat(path.total().costUnknown()).isTrue();
    }

    @Test
    void an_openai_model_behind_a_compatible_server_is_counted_with_openais_tokenizer() {
        CallPath path = path(CallCache.inMemory());
        path.llm(Role.TARGET, model(stub.spec("target", "gpt-4o-mini", null, null)))
                .chat(LlmRequest.user("hello hello hello hello"));

        // o200k_base: "hello" and " hello" are one token each; 3 for the message, 3 to prime the reply
        assertThat(path.total().inputTokens()).isEqualTo(4 + OpenAiTokenizer.TOKENS_PER_MESSAGE + 3);
        assertThat(path.total().tokensEstimated()).isTrue();
    }

    @Test
    void a_slow_first_request_while_the_model_loads_is_waited_for_within_the_timeout() {
        long start = System.nanoTime();
        assertThat(ask(stub.spec("target", null, null), LlmRequest.user("q")).text()).isEqualTo("Paris");

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(LocalOpenAiServerStub.LOAD_MILLIS);
        assertThat(stub.requests()).hasSize(1);
    }
}

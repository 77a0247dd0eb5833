package dev.gradsum.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;

/**
 * An OpenAI-compatible local server (Ollama, vLLM, llama.cpp): answers carry no {@code usage}
 * (triton-inference-server/server#8194, LostRuins/koboldcpp#603, microsoft/foundry-local#369), and the first
 * request is slow while the model loads (ollama/ollama#10281, cline/cline#12839).
 */
class LocalOpenAiServerStub extends OpenAiChatCompletionsStub {
    /** How long the first request waits for the model to load. */
    static final long LOAD_MILLIS = 400;

    LocalOpenAiServerStub() {
        super(Set.of());
    }

    @Override
    Provider provider() {
        return Provider.OLLAMA;
    }

    @Override
    String model() {
        return "qwen3:8b";
    }

    @Override
    boolean reportsUsage() {
        return false;
    }

    @Override
    MockResponse respond(JsonNode request, int n) {
        MockResponse answer = super.respond(request, n);
        return n == 1 ? new MockResponse.Builder(answer).headersDelay(LOAD_MILLIS, TimeUnit.MILLISECONDS).build() : answer;
    }
}

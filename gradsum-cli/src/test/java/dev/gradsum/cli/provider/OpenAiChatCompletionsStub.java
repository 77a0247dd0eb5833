package dev.gradsum.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import mockwebserver3.MockResponse;

/**
 * OpenAI's {@code POST /v1/chat/completions}. Reasoning models (here: names in {@link #reasoningModels})
 * answer HTTP 400 to a temperature other than the default 1, {@code "code": "unsupported_value",
 * "param": "temperature"} (OpenHands/OpenHands#4131, clifton/rstructor#22, QwenLM/qwen-code#921), and to
 * {@code max_tokens}, {@code "code": "unsupported_parameter", "param": "max_tokens"}, "Use
 * 'max_completion_tokens' instead." (griptape-ai/ComfyUI-Griptape#312, teilomillet/gollm#33).
 */
class OpenAiChatCompletionsStub extends WireStub {
    private final Set<String> reasoningModels;

    OpenAiChatCompletionsStub(Set<String> reasoningModels) {
        this.reasoningModels = reasoningModels;
    }

    OpenAiChatCompletionsStub() {
        this(Set.of("gpt-5-mini", "o3", "o4-mini", "my-reasoner"));
    }

    @Override
    Provider provider() {
        return Provider.OPENAI_COMPATIBLE;
    }

    @Override
    String model() {
        return "gpt-4o-mini";
    }

    @Override
    MockResponse respond(JsonNode request, int n) {
        if (reasoningModels.contains(request.path("model").asText())) {
            JsonNode t = request.path("temperature");
            if (!t.isMissingNode() && !t.isNull() && t.asDouble() != 1.0) {
                return status(400, error("Unsupported value: 'temperature' does not support " + t.asText()
                        + " with this model. Only the default (1) value is supported.", "temperature", "unsupported_value"));
            }
            if (request.has("max_tokens")) {
                return status(400, error("Unsupported parameter: 'max_tokens' is not supported with this model."
                        + " Use 'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter"));
            }
        }
        return super.respond(request, n);
    }

    static String error(String message, String param, String code) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("error").put("message", message).put("type", "invalid_request_error").put("param", param)
                .put("code", code);
        return o.toString();
    }

    @Override
    String answer(String text) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 0).put("model", "stub");
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        if (reportsUsage()) {
            o.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 5).put("total_tokens", 25);
        }
        return o.toString();
    }

    @Override
    JsonNode temperatureOf(JsonNode request) {
        return request.path("temperature");
    }

    @Override
    JsonNode maxTokensOf(JsonNode request) {
        return request.has("max_completion_tokens") ? request.path("max_completion_tokens") : request.path("max_tokens");
    }
}

package dev.gradsum.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Google's Gemini {@code POST /v1beta/models/{model}:generateContent}: sampling settings sit in
 * {@code generationConfig} ({@code temperature}, {@code maxOutputTokens}, {@code thinkingConfig.thinkingBudget},
 * where 0 turns thinking off and -1 lets the model decide: Google GenAI ThinkingConfig documentation);
 * usage comes as {@code usageMetadata}.
 */
class GeminiGenerateContentStub extends WireStub {
    @Override
    Provider provider() {
        return Provider.GEMINI;
    }

    @Override
    String model() {
        return "gemini-2.5-flash";
    }

    @Override
    String baseUrl() {
        return super.baseUrl().replaceAll("/v1$", "/v1beta");
    }

    @Override
    String answer(String text) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode candidate = o.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        candidate.put("finishReason", "STOP").put("index", 0);
        o.putObject("usageMetadata").put("promptTokenCount", 20).put("candidatesTokenCount", 5)
                .put("totalTokenCount", 25);
        o.put("modelVersion", model()).put("responseId", "resp-1");
        return o.toString();
    }

    @Override
    JsonNode temperatureOf(JsonNode request) {
        return request.path("generationConfig").path("temperature");
    }

    @Override
    JsonNode maxTokensOf(JsonNode request) {
        return request.path("generationConfig").path("maxOutputTokens");
    }
}

package dev.gradsum.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;

/**
 * Anthropic's {@code POST /v1/messages}: {@code max_tokens} is required; a temperature above 1 is refused
 * with HTTP 400 (anthropics/anthropic-sdk-python#893, vercel/ai#10308); with extended thinking,
 * {@code thinking: {type: enabled, budget_tokens}} needs budget_tokens of at least 1024 and below
 * max_tokens, and takes no temperature (Anthropic extended-thinking documentation).
 */
class AnthropicMessagesStub extends WireStub {
    @Override
    Provider provider() {
        return Provider.ANTHROPIC;
    }

    @Override
    String model() {
        return "claude-haiku-4-5";
    }

    @Override
    MockResponse respond(JsonNode request, int n) {
        if (!request.has("max_tokens")) {
            return status(400, error("max_tokens: Field required"));
        }
        JsonNode t = request.path("temperature");
        if (t.isNumber() && t.asDouble() > 1) {
            return status(400, error("temperature: range: 0..1"));
        }
        JsonNode thinking = request.path("thinking");
        if (thinking.isObject()) {
            int budget = thinking.path("budget_tokens").asInt();
            if (budget < 1024 || budget >= request.path("max_tokens").asInt()) {
                return status(400, error("thinking.budget_tokens: must be >= 1024 and less than max_tokens"));
            }
            if (t.isNumber() && t.asDouble() != 1) {
                return status(400, error("temperature may only be set to 1 when thinking is enabled"));
            }
            // with extended thinking, thinking content blocks (with a signature) come before the text block
            // (Anthropic extended-thinking documentation)
            ObjectNode o = (ObjectNode) read(answer("Paris"));
            ObjectNode block = JSON.createObjectNode().put("type", "thinking")
                    .put("thinking", "The capital of France is Paris, not Lyon.").put("signature", "EqQBCgIYAhIM");
            ((com.fasterxml.jackson.databind.node.ArrayNode) o.get("content")).insert(0, block);
            return ok(o.toString());
        }
        return super.respond(request, n);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "error");
        o.putObject("error").put("type", "invalid_request_error").put("message", message);
        return o.toString();
    }

    @Override
    String answer(String text) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", model());
        o.putArray("content").addObject().put("type", "text").put("text", text);
        o.put("stop_reason", "end_turn");
        o.putObject("usage").put("input_tokens", 20).put("output_tokens", 5);
        return o.toString();
    }

    @Override
    JsonNode temperatureOf(JsonNode request) {
        return request.path("temperature");
    }

    @Override
    JsonNode maxTokensOf(JsonNode request) {
        return request.path("max_tokens");
    }
}

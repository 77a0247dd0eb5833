package dev.gradsum.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.llm.HttpStatusException;
import java.util.Optional;

/**
 * An HTTP 400 whose error body names one request parameter the model refuses: OpenAI's
 * {@code {"error": {"code": "unsupported_value" | "unsupported_parameter", "param": "temperature"}}}
 * (reasoning models: clifton/rstructor#22, griptape-ai/ComfyUI-Griptape#312). {@link ParameterAdaptingChatModel}
 * drops the parameter once and sends the request again.
 */
final class UnsupportedParameterException extends HttpStatusException {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String parameter;

    UnsupportedParameterException(String parameter, String message) {
        super(400, message, null);
        this.parameter = parameter;
    }

    /** The parameter the server refused ({@code temperature}, {@code max_tokens}, ...). */
    String parameter() {
        return parameter;
    }

    /** The refused parameter named by a 400 error body, if the body is such an error. */
    static Optional<String> refusedParameter(int status, String body) {
        if (status != 400 || body == null || !body.contains("unsupported_")) {
            return Optional.empty();
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String code = error.path("code").asText("");
            String param = error.path("param").asText("");
            if ((code.equals("unsupported_value") || code.equals("unsupported_parameter")) && !param.isBlank()) {
                return Optional.of(param);
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}

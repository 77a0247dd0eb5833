package dev.gradsum.modules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the JSON object a model was asked for inside its reply. Models wrap JSON in code fences,
 * put prose before or after it, and write raw line breaks inside strings; all of that is tolerated.
 * The first object (scanning from the left) that parses and has the wanted field wins.
 *
 * <p>Internal to gradsum: used by the editor and the LLM judge (design §3, contract on parsing).
 */
public final class JsonExtraction {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private JsonExtraction() {
    }

    /** The first JSON object in {@code text} that has the field {@code field}, if any. */
    public static Optional<ObjectNode> objectWithField(String text, String field) {
        if (text == null) {
            return Optional.empty();
        }
        for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
            Optional<ObjectNode> object = objectAt(text, start);
            if (object.isPresent() && object.get().has(field)) {
                return object;
            }
        }
        return Optional.empty();
    }

    /** Why {@code text} holds no usable object with {@code field}: a short phrase for a retry note. */
    public static String whyMissing(String text, String field) {
        if (text == null || text.isBlank()) {
            return "the answer was empty";
        }
        for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
            if (objectAt(text, start).isPresent()) {
                return "the JSON object has no \"" + field + "\" field";
            }
        }
        return "the answer holds no valid JSON object";
    }

    private static Optional<ObjectNode> objectAt(String text, int start) {
        try (JsonParser parser = MAPPER.createParser(text.substring(start))) {
            JsonNode node = MAPPER.readTree(parser);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

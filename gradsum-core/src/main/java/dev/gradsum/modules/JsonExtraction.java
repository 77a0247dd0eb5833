package dev.gradsum.modules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the JSON object a model was asked for inside its reply. Models wrap JSON in code fences, put
 * prose before or after it, and write the loose JSON many of them produce (DeepSeek, Qwen, Llama):
 * trailing commas, single-quoted strings, unquoted field names, {@code //}, {@code /* *}{@code /} and
 * {@code #} comments, raw line breaks inside strings. All of that is read by Jackson's lenient read
 * features, never by a parser of our own. The first object (scanning from the left) that parses and has
 * the wanted field wins; the reply has no reasoning in it any more (the call path takes it out), so a
 * draft inside a {@code <think>} block cannot win.
 *
 * <p>Internal to gradsum: used by the editor and the LLM judge (design §3, contract on parsing).
 */
public final class JsonExtraction {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
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

    /**
     * The complete strings of the list {@code field} of a JSON object that was cut off (an answer cut at
     * the token limit): Jackson's streaming parser reads the tokens up to the cut, and a string the cut
     * went through is not kept. Empty when no object in {@code text} starts such a list.
     */
    public static List<String> completeStringsOfCutList(String text, String field) {
        if (text == null) {
            return List.of();
        }
        for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
            List<String> found = stringsBeforeCut(text.substring(start), field);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> stringsBeforeCut(String text, String field) {
        List<String> strings = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return strings;
            }
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                boolean wanted = field.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (wanted && value == JsonToken.START_ARRAY) {
                    for (JsonToken item = parser.nextToken(); item == JsonToken.VALUE_STRING; item = parser.nextToken()) {
                        String s = parser.getText(); // throws when the cut went through this string
                        strings.add(s);
                    }
                    return strings;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            // the cut: keep what was complete before it
        }
        return strings;
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

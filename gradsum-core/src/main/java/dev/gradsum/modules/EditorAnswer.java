package dev.gradsum.modules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the prompt editor's answer into prompt texts. The editor is asked for {@code {"prompts": [...]}}
 * (for a chat prompt, each item an object from message name to text, kept as its JSON text)
 * (loose JSON tolerated, {@link JsonExtraction}); smaller models answer with the prompts as a numbered
 * list ({@code 1. …}, {@code 2) …}) or separated by rule lines ({@code ---}), and those are read too
 * when the answer holds no such object. An answer cut at the token limit keeps its complete prompts
 * ({@link #readCut}).
 */
final class EditorAnswer {
    static final String FIELD = "prompts";
    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*(?:-{3,}|\\*{3,}|_{3,}|={3,})[ \\t]*$");
    private static final Pattern NUMBERED = Pattern.compile("(?m)^[ \\t]*(?:\\*\\*)?(\\d{1,2})[.)](?:\\*\\*)?[ \\t]+");

    /** The prompt texts, or why there are none. */
    record Read(List<String> prompts, String problem) {
        boolean usable() {
            return prompts != null;
        }
    }

    private EditorAnswer() {
    }

    static Read read(String text) {
        Optional<ObjectNode> object = JsonExtraction.objectWithField(text, FIELD);
        if (object.isPresent()) {
            return fromJson(object.get().get(FIELD));
        }
        List<String> listed = listed(text);
        return listed.isEmpty()
                ? new Read(null, JsonExtraction.whyMissing(text, FIELD))
                : new Read(listed, null);
    }

    /**
     * The complete prompts of an answer cut at the token limit: the complete strings of a cut
     * {@code "prompts"} list, else every listed prompt but the last (the cut may have gone through it).
     */
    static List<String> readCut(String text) {
        Read whole = read(text);
        if (whole.usable()) {
            return whole.prompts(); // the cut came after the object closed
        }
        List<String> strings = JsonExtraction.completeStringsOfCutList(text, FIELD);
        if (!strings.isEmpty()) {
            return strings;
        }
        List<String> listed = listed(text);
        return listed.isEmpty() ? List.of() : listed.subList(0, listed.size() - 1);
    }

    private static Read fromJson(JsonNode list) {
        if (!list.isArray()) {
            return new Read(null, "\"prompts\" is not a list of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : list) {
            if (item.isObject()) {
                texts.add(item.toString()); // a chat prompt's candidate: message name to text, checked by the editor
            } else if (!item.isTextual()) {
                return new Read(null, "\"prompts\" holds something other than strings");
            } else {
                texts.add(item.asText());
            }
        }
        return texts.isEmpty() ? new Read(null, "\"prompts\" is empty") : new Read(texts, null);
    }

    /** Prompts separated by rule lines (at least two), else a numbered list counting up from 1; else none. */
    static List<String> listed(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> pieces = new ArrayList<>();
        for (String piece : RULE.split(text)) {
            if (!piece.isBlank()) {
                pieces.add(piece.strip());
            }
        }
        if (pieces.size() >= 2) {
            if (isIntroduction(pieces.get(0))) {
                pieces.remove(0);
            }
            if (pieces.size() >= 2) {
                return pieces.stream().map(EditorAnswer::unquoted).toList();
            }
        }
        return numbered(text);
    }

    private static List<String> numbered(String text) {
        Matcher m = NUMBERED.matcher(text);
        List<int[]> markers = new ArrayList<>(); // {start of marker, end of marker}
        int expected = 1;
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == expected) {
                markers.add(new int[] {m.start(), m.end()});
                expected++;
            }
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < markers.size(); i++) {
            int end = i + 1 < markers.size() ? markers.get(i + 1)[0] : text.length();
            String item = text.substring(markers.get(i)[1], end).strip();
            if (!item.isEmpty()) {
                items.add(unquoted(item));
            }
        }
        return items;
    }

    /** A one-line lead-in such as {@code Here are three new prompts:}. */
    private static boolean isIntroduction(String piece) {
        return !piece.contains("\n") && piece.endsWith(":");
    }

    private static String unquoted(String item) {
        if (item.length() >= 2 && (item.startsWith("\"") && item.endsWith("\"")
                || item.startsWith("“") && item.endsWith("”"))) {
            return item.substring(1, item.length() - 1).strip();
        }
        return item;
    }
}

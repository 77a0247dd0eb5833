package dev.gradsum.junit;

import dev.gradsum.data.Example;
import dev.gradsum.task.Criteria;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tests' small world: four countries, and a scripted model playing target and judge. The target names
 * the capital only when its prompt asks for "the city name only", and rambles otherwise; the judge passes
 * an answer that contains the expected city, with its reasoning.
 */
final class Capitals {
    static final String FIX = "Answer with the city name only.";
    static final String GOOD = "Name the capital of {country}. " + FIX;
    static final String BAD = "Tell me about the capital of {country}.";
    static final Criteria CRITERIA = Criteria.binary("The answer is correct when it names <EXPECTED ANSWER>.")
            .expecting("capital");
    private static final Map<String, String> CAPITALS = Map.of("France", "Paris", "Japan", "Tokyo", "Kenya", "Nairobi",
            "Peru", "Lima");

    private Capitals() {
    }

    static List<Example> rows() {
        List<Example> rows = new ArrayList<>();
        int id = 1;
        for (String country : List.of("France", "Japan", "Kenya", "Peru")) {
            rows.add(new Example(String.valueOf(id++), Map.of("country", country, "capital", CAPITALS.get(country))));
        }
        return rows;
    }

    /** The model answering and judging, as a real one would be asked. */
    static ScriptedChatModel model() {
        return new ScriptedChatModel("capitals-model", call -> answer(call.text()));
    }

    /** The same model's name and settings, failing the test if it is ever called (a replay must not call it). */
    static ScriptedChatModel unreachable() {
        return new ScriptedChatModel("capitals-model", call -> {
            throw new AssertionError("a replayed test called the model: " + call.user());
        });
    }

    private static String answer(String text) {
        if (text.contains("\n<scale>\n")) {
            boolean right = section(text, "output").contains(section(text, "expected").replace("<", "").trim());
            return "{\"reasoning\": \"" + (right ? "names the expected city" : "does not name the city")
                    + "\", \"score\": " + (right ? 1 : 0) + "}";
        }
        String country = CAPITALS.keySet().stream().filter(text::contains).findFirst().orElse("?");
        return text.contains(FIX) ? CAPITALS.get(country) : "Well, " + country + " has a long history and many beautiful cities.";
    }

    private static String section(String text, String tag) {
        int start = text.indexOf("\n<" + tag + ">\n");
        if (start < 0) {
            return "";
        }
        start += tag.length() + 4;
        int end = text.indexOf("\n</" + tag + ">", start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }
}

package dev.gradsum.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIMULATED judge (paper: evaluation), for requests shaped like {@code evaluator.md}. It compares
 * {@code <output>} with {@code <expected>} (spacing, case and a final full stop aside) and, when the
 * order can be read from {@code <input>}, names the visible symptom of a wrong answer ("missing 19% VAT
 * for an EU customer", "extra text around the total"). Answers {@code {"reasoning": …, "score": …}}:
 * 0 or 1, or 1 and N on a 1..N {@code <scale>}. About one answer in ten comes in a code fence, as real
 * models do, so callers' JSON extraction is exercised.
 */
final class SimulatedJudge extends SimulatedChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    SimulatedJudge() {
        super("simulated-judge");
    }

    @Override
    String answer(String text, Double temperature) {
        Optional<String> output = TaggedText.first(text, "output");
        if (output.isEmpty()) {
            return "There is no <output> section in this request, so there is nothing to rate.";
        }
        Optional<Order> order = TaggedText.first(text, "input").flatMap(Order::findIn);
        Optional<String> expected = TaggedText.first(text, "expected").or(() -> order.map(Order::answer));
        if (expected.isEmpty()) {
            return "I cannot rate this answer: there is neither an <expected> answer nor an order to price.";
        }
        boolean pass = Diagnosis.normalised(output.get()).equals(Diagnosis.normalised(expected.get()));
        String reasoning;
        if (pass) {
            reasoning = "The output gives exactly the expected answer " + expected.get() + ".";
        } else {
            String symptoms = order.map(o -> Diagnosis.of(o, output.get()))
                    .filter(d -> !d.correct())
                    .map(d -> ": " + d.symptoms())
                    .orElse("");
            reasoning = "The output does not match the expected answer " + expected.get() + symptoms + ".";
        }
        int max = scaleMax(TaggedText.first(text, "scale").orElse(""));
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("reasoning", reasoning);
        verdict.put("score", max == 1 ? (pass ? 1 : 0) : (pass ? max : 1));
        String json = write(verdict);
        return Dice.roll("fence", text) < 0.1 ? "```json\n" + json + "\n```" : json;
    }

    /** The largest number the scale names: 1 for a binary scale ("0 or 1"), N for "1 to N". */
    static int scaleMax(String scale) {
        int max = 1;
        Matcher m = NUMBER.matcher(scale);
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group()));
        }
        return max;
    }

    static String write(Map<String, Object> verdict) {
        try {
            return JSON.writeValueAsString(verdict);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }
}

package dev.gradsum.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIMULATED summarizer (paper: gradient summarization), for requests shaped like
 * {@code gradient_summarizer.md}. It reads every {@code <gradient>} in {@code <feedback>}, collects the
 * general instructions they recommend, and writes one paragraph stating those recommended by at least
 * two gradients (or by the only one), most frequent first. Remarks about single examples are dropped:
 * that is the point of summarising.
 */
final class SimulatedSummarizer extends SimulatedChatModel {
    /** How many gradients must recommend an instruction for the summary to keep it. */
    static final int MIN_SUPPORT = 2;
    static final String LEAD = "Across the failed examples, the answers broke rules that the prompt never states, "
            + "so the prompt should state them.";
    private static final Pattern RECOMMENDED = Pattern.compile("(?i)instruction[^\"]{0,40}\"([^\"]+)\"");

    private final UnaryOperator<String> canonical;

    SimulatedSummarizer() {
        this("simulated-summarizer", SimulatedSummarizer::plainStatement);
    }

    /**
     * A summarizer of another world: {@code canonical} turns a quoted instruction into the form two
     * wordings of one rule share.
     */
    SimulatedSummarizer(String modelName, UnaryOperator<String> canonical) {
        super(modelName);
        this.canonical = canonical;
    }

    @Override
    String answer(String text, Double temperature) {
        List<String> gradients = TaggedText.all(TaggedText.first(text, "feedback").orElse(text), "gradient");
        Map<String, Integer> support = new LinkedHashMap<>();
        for (String gradient : gradients) {
            for (String instruction : recommendations(gradient, canonical)) {
                support.merge(instruction, 1, Integer::sum);
            }
        }
        int needed = Math.min(MIN_SUPPORT, gradients.size());
        List<String> kept = new ArrayList<>();
        support.entrySet().stream()
                .filter(e -> e.getValue() >= needed)
                .sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> kept.add(e.getKey()));
        if (kept.isEmpty()) {
            return "The failures share no common cause that a change of the prompt would fix; "
                    + "the prompt can stay as it is.";
        }
        return LEAD + " " + String.join(" ", kept);
    }

    /**
     * The distinct instructions one gradient recommends, each in its plain statement when the simulated
     * models recognise it (so two wordings of one rule count together), else as written.
     */
    static Set<String> recommendations(String gradient) {
        return recommendations(gradient, SimulatedSummarizer::plainStatement);
    }

    /** The distinct instructions one gradient recommends, each as {@code canonical} writes it. */
    static Set<String> recommendations(String gradient, UnaryOperator<String> canonical) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = RECOMMENDED.matcher(gradient);
        while (m.find()) {
            found.add(canonical.apply(m.group(1).strip()));
        }
        return found;
    }

    /** The plain statement of the one instruction of the order world {@code quoted} states, else it as written. */
    private static String plainStatement(String quoted) {
        Set<Instruction> known = Instruction.recognisedIn(quoted);
        return known.size() == 1 ? known.iterator().next().statement() : quoted;
    }
}

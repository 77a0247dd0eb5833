package dev.gradsum.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIMULATED editor (paper: prompt editing). Three kinds of request, told apart by their tags:
 * <ul>
 *   <li>{@code <summary>} ({@code prompt_editor.md}): each of the {@code <count>} candidates is the
 *       {@code <prompt>} plus some of the instructions the summary states and the prompt lacks: all of
 *       them, all but the last, the first only, then other subsets, in varied wordings;</li>
 *   <li>{@code <gradients>} ({@code prompt_editor_raw_gradients.md}, the {@code summarize=false}
 *       ablation): like ProTeGi, each candidate acts on ONE gradient: it adds that gradient's
 *       instructions and, as a literal-minded editor does, copies in its remark about the single
 *       example (an overfitted, longer prompt that tempts the target to copy that example's answer);</li>
 *   <li>{@code <examples>} (the bench's GEPA reflection, {@code gepa_reflect.md}): adds the instruction
 *       of every symptom the examples' {@code <feedback>} names, as from a summary;</li>
 *   <li>{@code <candidate>} + {@code <problem>} ({@code prompt_editor_repair.md}): returns the candidate
 *       with the placeholders of {@code <placeholders>} restored and any others removed.</li>
 * </ul>
 * A chat prompt's request ({@code *_chat.md}, with an {@code <optimized>} tag) is answered the same way
 * for the first optimized message (its text in the {@code <prompt>} JSON is the prompt above), one
 * object per candidate naming the optimized messages; a chat repair repairs each named message.
 * Instructions are written in the prompt's language (Chinese prompts get Chinese instructions) just
 * before the line holding the first placeholder, so every placeholder is kept. The temperature and the
 * request text choose wordings and orders deterministically.
 */
final class SimulatedEditor extends SimulatedChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\{)\\{([A-Za-z0-9_]+)}(?!})");
    private static final Pattern REMARK = Pattern.compile(
            "for the order of (.+?) \\(customer in (.+?)\\), the answer is (.+?)\\.\\s*$");
    private static final List<String> FILLERS = List.of(
            "Read the order carefully before answering.", "Take every detail of the order into account.",
            "Be precise.", "Think about the order as a whole first.");
    private static final List<String> FILLERS_ZH = List.of("请仔细阅读订单。", "考虑订单的每个细节。", "请准确作答。", "先整体理解订单。");

    SimulatedEditor() {
        super("simulated-editor");
    }

    @Override
    String answer(String text, Double temperature) {
        Optional<String> optimized = TaggedText.first(text, "optimized");
        if (optimized.isPresent()) {
            return chatAnswer(text, temperature, List.of(optimized.get().strip().split("\\s*,\\s*")));
        }
        String prompt = TaggedText.first(text, "prompt").orElse("");
        if (TaggedText.first(text, "candidate").isPresent()) {
            return prompts(List.of(repair(TaggedText.first(text, "candidate").get(), required(text, prompt))));
        }
        if (prompt.isEmpty()) {
            return "There is no <prompt> section in this request, so there is nothing to edit.";
        }
        int count = count(text);
        String seed = text + '\u0000' + temperature;
        Optional<String> examples = TaggedText.first(text, "examples");
        if (examples.isPresent()) {
            return prompts(new ArrayList<>(fromSummary(prompt, reflection(examples.get()), count, seed)));
        }
        Set<String> candidates = TaggedText.first(text, "gradients")
                .map(g -> fromGradients(prompt, TaggedText.all(g, "gradient"), count, seed))
                .orElseGet(() -> fromSummary(prompt, TaggedText.first(text, "summary").orElse(""), count, seed));
        return prompts(new ArrayList<>(candidates));
    }

    /** The answer to a chat prompt's request: the first optimized message edited, the others as they were. */
    private String chatAnswer(String text, Double temperature, List<String> names) {
        Map<String, String> messages = new LinkedHashMap<>();
        try {
            JSON.readTree(TaggedText.first(text, "prompt").orElse("{}")).fields()
                    .forEachRemaining(e -> messages.put(e.getKey(), e.getValue().asText()));
        } catch (JsonProcessingException e) {
            return "The <prompt> section is not the JSON object of messages I expected.";
        }
        List<Map<String, String>> objects = new ArrayList<>();
        Optional<String> candidate = TaggedText.first(text, "candidate");
        if (candidate.isPresent()) {
            Map<String, String> repaired = new LinkedHashMap<>();
            try {
                JSON.readTree(candidate.get()).fields().forEachRemaining(e -> repaired.put(e.getKey(),
                        repair(e.getValue().asText(), placeholdersOf(messages.getOrDefault(e.getKey(), "")))));
            } catch (JsonProcessingException e) {
                names.forEach(n -> repaired.put(n, messages.getOrDefault(n, "")));
            }
            return prompts(List.of(repaired));
        }
        String first = names.get(0);
        String prompt = messages.getOrDefault(first, "");
        int count = count(text);
        String seed = text + '\u0000' + temperature;
        Set<String> edited = TaggedText.first(text, "gradients")
                .map(g -> fromGradients(prompt, TaggedText.all(g, "gradient"), count, seed))
                .orElseGet(() -> fromSummary(prompt, TaggedText.first(text, "summary").orElse(""), count, seed));
        for (String version : edited) {
            Map<String, String> object = new LinkedHashMap<>();
            names.forEach(n -> object.put(n, n.equals(first) ? version : messages.getOrDefault(n, "")));
            objects.add(object);
        }
        return prompts(objects);
    }

    private static List<String> placeholdersOf(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * A reflection over examples with the judge's feedback (GEPA's reflective mutation, the bench's
     * {@code gepa_reflect.md}): the instruction of every symptom a {@code <feedback>} names, as one
     * summary-like paragraph.
     */
    private static String reflection(String examples) {
        Set<Instruction> named = new java.util.LinkedHashSet<>();
        for (String feedback : TaggedText.all(examples, "feedback")) {
            for (Instruction i : Instruction.values()) {
                if (feedback.contains(i.symptom())) {
                    named.add(i);
                }
            }
        }
        return String.join(" ", named.stream().map(Instruction::statement).toList());
    }

    /** Candidates that add instructions from the summary: all, all but the last, the first, other subsets. */
    private static Set<String> fromSummary(String prompt, String summary, int count, String seed) {
        boolean zh = Instruction.chinese(prompt);
        Set<Instruction> present = Instruction.recognisedIn(prompt);
        List<Instruction> wanted = new ArrayList<>();
        for (String sentence : summary.split("(?<=[.!?。])\\s+")) {
            Set<Instruction> known = Instruction.recognisedIn(sentence);
            if (known.size() == 1 && !present.containsAll(known) && !wanted.containsAll(known)) {
                wanted.addAll(known);
            }
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (int attempt = 0; candidates.size() < count && attempt < count * 8; attempt++) {
            List<String> lines = new ArrayList<>();
            int variant = Dice.pick(64, seed, attempt);
            for (Instruction i : choose(wanted, attempt, seed)) {
                lines.add(i.phrasing(zh, variant + i.ordinal()));
            }
            if (lines.isEmpty()) {
                lines.add((zh ? FILLERS_ZH : FILLERS).get(Math.floorMod(variant + attempt, FILLERS.size())));
            }
            add(candidates, prompt, insert(prompt, lines));
        }
        return candidates;
    }

    /** Which of {@code wanted} the {@code attempt}-th candidate adds. */
    static <T> List<T> choose(List<T> wanted, int attempt, String seed) {
        if (wanted.isEmpty() || attempt == 0) {
            return wanted;
        }
        if (attempt == 1 && wanted.size() > 1) {
            return wanted.subList(0, wanted.size() - 1);
        }
        if (attempt == 2) {
            return wanted.subList(0, 1);
        }
        List<T> subset = new ArrayList<>();
        for (T i : wanted) {
            if (Dice.roll(seed, attempt, i) < 0.5) {
                subset.add(i);
            }
        }
        return subset.isEmpty() ? wanted.subList(0, 1) : subset;
    }

    /** ProTeGi-like candidates: the k-th acts on one gradient, its instructions plus its example remark. */
    private static Set<String> fromGradients(String prompt, List<String> gradients, int count, String seed) {
        boolean zh = Instruction.chinese(prompt);
        Set<Instruction> present = Instruction.recognisedIn(prompt);
        Set<String> candidates = new LinkedHashSet<>();
        if (gradients.isEmpty()) {
            return fromSummary(prompt, "", count, seed);
        }
        int start = Dice.pick(gradients.size(), seed);
        for (int attempt = 0; candidates.size() < count && attempt < count * 8; attempt++) {
            String gradient = gradients.get((start + attempt) % gradients.size());
            int variant = Dice.pick(64, seed, attempt);
            List<String> lines = new ArrayList<>();
            for (String recommended : SimulatedSummarizer.recommendations(gradient)) {
                Set<Instruction> known = Instruction.recognisedIn(recommended);
                if (known.size() != 1) {
                    lines.add(recommended);
                } else if (!present.containsAll(known)) {
                    Instruction i = known.iterator().next();
                    lines.add(i.phrasing(zh, variant + i.ordinal()));
                }
            }
            int remarkAt = gradient.indexOf(SimulatedGradientModel.REMARK_LEAD);
            if (remarkAt >= 0) {
                lines.add(exampleNote(gradient.substring(remarkAt + SimulatedGradientModel.REMARK_LEAD.length()), zh));
            }
            if (lines.isEmpty()) {
                lines.add((zh ? FILLERS_ZH : FILLERS).get(Math.floorMod(variant + attempt, FILLERS.size())));
            }
            add(candidates, prompt, insert(prompt, lines));
        }
        return candidates;
    }

    /** A gradient's remark about one example, as a note in the prompt. */
    private static String exampleNote(String remark, boolean zh) {
        Matcher m = REMARK.matcher(remark.strip());
        if (zh && m.find()) {
            return "注意：订单「" + m.group(1) + "」（客户在" + m.group(2) + "）的答案是 " + m.group(3) + "。";
        }
        String note = remark.strip();
        return "Note: " + Character.toUpperCase(note.charAt(0)) + note.substring(1);
    }

    private static void add(Set<String> candidates, String prompt, String candidate) {
        if (!candidate.equals(prompt)) {
            candidates.add(candidate);
        }
    }

    /** {@code prompt} with {@code lines} inserted before the line that holds its first placeholder. */
    static String insert(String prompt, List<String> lines) {
        String block = String.join("\n", lines);
        Matcher m = PLACEHOLDER.matcher(prompt);
        if (!m.find()) {
            return prompt.stripTrailing() + "\n" + block;
        }
        int lineStart = prompt.lastIndexOf('\n', m.start()) + 1;
        if (lineStart == 0) {
            return block + "\n\n" + prompt;
        }
        String head = prompt.substring(0, lineStart).stripTrailing();
        return head + "\n" + block + "\n\n" + prompt.substring(lineStart);
    }

    /** The candidate with missing placeholders appended and placeholders not in {@code required} unbraced. */
    static String repair(String candidate, List<String> required) {
        StringBuilder fixed = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(candidate);
        int last = 0;
        Set<String> kept = new LinkedHashSet<>();
        while (m.find()) {
            fixed.append(candidate, last, m.start());
            if (required.contains(m.group(1))) {
                fixed.append(m.group());
                kept.add(m.group(1));
            } else {
                fixed.append(m.group(1));
            }
            last = m.end();
        }
        fixed.append(candidate.substring(last));
        for (String name : required) {
            if (!kept.contains(name)) {
                fixed.append("\n\n").append(Character.toUpperCase(name.charAt(0))).append(name.substring(1))
                        .append(": {").append(name).append('}');
            }
        }
        return fixed.toString();
    }

    /** The placeholders a repaired candidate must hold: from {@code <placeholders>}, else the original prompt. */
    static List<String> required(String text, String prompt) {
        String listed = TaggedText.first(text, "placeholders").orElse("");
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(listed.contains("{") ? listed : prompt);
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        if (names.isEmpty() && !listed.contains("{")) {
            for (String word : listed.split("[\\s,]+")) {
                if (word.matches("[A-Za-z0-9_]+")) {
                    names.add(word);
                }
            }
        }
        return names;
    }

    static int count(String text) {
        String c = TaggedText.first(text, "count").orElse("3").replaceAll("\\D", "");
        return c.isEmpty() ? 3 : Math.max(1, Math.min(20, Integer.parseInt(c)));
    }

    static String prompts(List<?> prompts) {
        try {
            return JSON.writeValueAsString(Map.of("prompts", prompts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }
}

package dev.gradsum.simulation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIMULATED editor of the hard world: it reads the same request shapes as the first world's editor
 * ({@code <summary>}, {@code <gradients>}, {@code <examples>} with {@code <feedback>}, {@code <candidate>}
 * repairs, and plain paraphrase requests) and adds the rules they ask for, one line each, but it is
 * unreliable: on {@value #REGRESS_RATE} of its candidates it also deletes a rule line the prompt already
 * had (a regression), and on {@value #OVERFIT_RATE} it writes the first new rule narrowed to one kind
 * of item ({@code Only for parcels of wine: …}), which helps only the few rows of that item (an
 * overfit). From raw gradients it also copies in each gradient's note about its single parcel.
 */
final class HardEditor extends SimulatedChatModel {
    static final double REGRESS_RATE = 0.15;
    static final double OVERFIT_RATE = 0.15;
    private static final Pattern REMARK = Pattern.compile(Pattern.quote(SimulatedGradientModel.REMARK_LEAD) + "(.+)$");
    private static final List<String> FILLERS = List.of("Check every detail of the parcel.",
            "Read the parcel description carefully.", "Be precise.", "Think about the parcel as a whole first.");

    HardEditor() {
        super("simulated-hard-editor");
    }

    @Override
    String answer(String text, Double temperature) {
        String prompt = TaggedText.first(text, "prompt").orElse("");
        if (TaggedText.first(text, "candidate").isPresent()) {
            return SimulatedEditor.prompts(List.of(SimulatedEditor.repair(TaggedText.first(text, "candidate").get(),
                    SimulatedEditor.required(text, prompt))));
        }
        if (prompt.isEmpty()) {
            return "There is no <prompt> section in this request, so there is nothing to edit.";
        }
        int count = SimulatedEditor.count(text);
        String seed = text + '\u0000' + temperature;
        Set<HardRule> present = HardPrompt.read(prompt).general();
        Optional<String> examples = TaggedText.first(text, "examples");
        Optional<String> gradients = TaggedText.first(text, "gradients");
        Set<String> candidates = new LinkedHashSet<>();
        if (examples.isPresent()) {
            List<HardRule> wanted = new ArrayList<>();
            for (String feedback : TaggedText.all(examples.get(), "feedback")) {
                HardRule.namedIn(feedback).stream().filter(r -> !present.contains(r) && !wanted.contains(r)).forEach(wanted::add);
            }
            subsets(candidates, prompt, wanted, count, seed);
        } else if (gradients.isPresent() && !TaggedText.all(gradients.get(), "gradient").isEmpty()) {
            List<String> all = TaggedText.all(gradients.get(), "gradient");
            int start = Dice.pick(all.size(), seed);
            for (int attempt = 0; candidates.size() < count && attempt < count * 8; attempt++) {
                String gradient = all.get((start + attempt) % all.size());
                List<HardRule> wanted = new ArrayList<>(recommended(gradient));
                wanted.removeAll(present);
                List<String> notes = new ArrayList<>();
                Matcher remark = REMARK.matcher(gradient.strip());
                if (remark.find()) {
                    notes.add(HardPrompt.NOTE_LEAD + remark.group(1));
                }
                add(candidates, prompt, edit(prompt, wanted, notes, seed, attempt));
            }
        } else {
            List<HardRule> wanted = new ArrayList<>();
            String summary = TaggedText.first(text, "summary").orElse("");
            for (String sentence : summary.split("(?<=[.!?])\\s+")) {
                Set<HardRule> known = HardRule.recognisedIn(sentence);
                if (known.size() == 1 && !present.containsAll(known) && !wanted.containsAll(known)) {
                    wanted.addAll(known);
                }
            }
            subsets(candidates, prompt, wanted, count, seed);
        }
        return SimulatedEditor.prompts(new ArrayList<>(candidates));
    }

    /** Candidates adding all of {@code wanted}, all but the last, the first, then other subsets. */
    private static void subsets(Set<String> candidates, String prompt, List<HardRule> wanted, int count, String seed) {
        for (int attempt = 0; candidates.size() < count && attempt < count * 8; attempt++) {
            add(candidates, prompt, edit(prompt, SimulatedEditor.choose(wanted, attempt, seed), List.of(), seed, attempt));
        }
    }

    /** The rules a gradient's quoted instructions state. */
    private static Set<HardRule> recommended(String gradient) {
        Set<HardRule> rules = EnumSet.noneOf(HardRule.class);
        for (String quoted : SimulatedSummarizer.recommendations(gradient, q -> q)) {
            rules.addAll(HardRule.recognisedIn(quoted));
        }
        return rules;
    }

    /** One candidate: {@code prompt} with the rules and notes added, perhaps a rule lost or one narrowed. */
    private static String edit(String prompt, List<HardRule> rules, List<String> notes, String seed, int attempt) {
        int variant = Dice.pick(64, seed, attempt);
        String base = Dice.roll("regress", seed, attempt) < REGRESS_RATE ? withoutOneRule(prompt, seed, attempt) : prompt;
        boolean overfit = Dice.roll("overfit", seed, attempt) < OVERFIT_RATE;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String line = rules.get(i).phrasing(variant + i);
            if (i == 0 && overfit) {
                String item = Parcel.ITEMS.get(Dice.pick(Parcel.ITEMS.size(), "item", seed, attempt));
                line = HardPrompt.NARROW_LEAD + item + ": " + line;
            }
            lines.add(line);
        }
        lines.addAll(notes);
        if (lines.isEmpty()) {
            lines.add(FILLERS.get(Math.floorMod(variant + attempt, FILLERS.size())));
        }
        return SimulatedEditor.insert(base, lines);
    }

    /** {@code prompt} without one line that states exactly one hidden rule for every parcel (unchanged if none). */
    static String withoutOneRule(String prompt, String seed, int attempt) {
        List<String> lines = List.of(prompt.split("\n", -1));
        List<Integer> ruleLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            HardPrompt read = HardPrompt.read(lines.get(i));
            if (read.narrowed().isEmpty() && read.general().size() == 1 && HardRule.HIDDEN.containsAll(read.general())) {
                ruleLines.add(i);
            }
        }
        if (ruleLines.isEmpty()) {
            return prompt;
        }
        int drop = ruleLines.get(Dice.pick(ruleLines.size(), "drop", seed, attempt));
        List<String> kept = new ArrayList<>(lines);
        kept.remove(drop);
        return String.join("\n", kept);
    }

    private static void add(Set<String> candidates, String prompt, String candidate) {
        if (!candidate.equals(prompt)) {
            candidates.add(candidate);
        }
    }
}

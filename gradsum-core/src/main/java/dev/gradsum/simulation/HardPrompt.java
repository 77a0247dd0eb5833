package dev.gradsum.simulation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the instructions of a prompt say in the SIMULATED hard world, line by line: the rules stated
 * for every parcel, the rules stated for one kind of item only ({@code Only for parcels of wine: …}, an
 * overfitted edit), and the notes quoting the code of a single parcel ({@code Note: … is coded PCL-HVY.}),
 * which state no rule. How the hard target and editor read a prompt.
 *
 * @param general  rules stated for every parcel
 * @param narrowed item → rules stated for that item only
 * @param quoted   codes quoted by notes, in order
 */
record HardPrompt(Set<HardRule> general, Map<String, Set<HardRule>> narrowed, List<String> quoted) {
    static final String NARROW_LEAD = "Only for parcels of ";
    static final String NOTE_LEAD = "Note: ";
    private static final Pattern NARROW = Pattern.compile("^Only for parcels of ([a-z][a-z ]*?):");
    private static final Pattern QUOTED = Pattern.compile("is coded (PCL(?:-[A-Z]{3})*)");

    /** Reads {@code instructions} (a prompt, or a filled prompt with the parcel cut out). */
    static HardPrompt read(String instructions) {
        Set<HardRule> general = EnumSet.noneOf(HardRule.class);
        Map<String, Set<HardRule>> narrowed = new LinkedHashMap<>();
        List<String> quoted = new ArrayList<>();
        for (String raw : instructions.split("\n")) {
            String line = raw.strip();
            if (line.startsWith(NOTE_LEAD)) {
                Matcher q = QUOTED.matcher(line);
                while (q.find()) {
                    quoted.add(q.group(1));
                }
                continue;
            }
            Matcher n = NARROW.matcher(line);
            if (n.find()) {
                narrowed.computeIfAbsent(n.group(1), k -> EnumSet.noneOf(HardRule.class))
                        .addAll(HardRule.recognisedIn(line.substring(n.end())));
            } else {
                general.addAll(HardRule.recognisedIn(line));
            }
        }
        return new HardPrompt(general, narrowed, quoted);
    }

    /** The rules a reader of this prompt follows for {@code parcel}. */
    Set<HardRule> rulesFor(Parcel parcel) {
        Set<HardRule> rules = EnumSet.noneOf(HardRule.class);
        rules.addAll(general);
        rules.addAll(narrowed.getOrDefault(parcel.item(), Set.of()));
        return rules;
    }
}

package dev.gradsum.simulation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SIMULATED target of the hard world. It finds the parcel in the filled prompt and builds its
 * handling code with exactly the rules the rest of the prompt states ({@link HardPrompt}: rules for
 * every parcel, plus the rules narrowed to this parcel's item); a tag whose rule is not stated is left
 * out. Without the format rule it answers in a sentence. It slips on about 3% of (parcel, rules)
 * pairs (the last tag is lost) and copies a code quoted by a note about a single parcel about 3% of the
 * time per note.
 */
final class HardTarget extends SimulatedChatModel {
    static final double SLIP_RATE = 0.03;
    static final double ANCHOR_RATE = 0.03;

    HardTarget() {
        super("simulated-hard-target");
    }

    @Override
    String answer(String text, Double temperature) {
        Optional<Parcel> found = Parcel.findIn(text);
        if (found.isEmpty()) {
            return "I could not find a parcel in your message.";
        }
        Parcel parcel = found.get();
        HardPrompt prompt = HardPrompt.read(Parcel.withoutParcels(text));
        Set<HardRule> followed = prompt.rulesFor(parcel);
        String code = parcel.code(followed);
        List<String> quoted = prompt.quoted();
        for (int i = 0; i < quoted.size(); i++) {
            if (Dice.roll("anchor", parcel.text(), followed, quoted.get(i), i) < ANCHOR_RATE) {
                code = quoted.get(i);
            }
        }
        if (Dice.roll("slip", parcel.text(), followed) < SLIP_RATE && code.contains("-")) {
            code = code.substring(0, code.lastIndexOf('-'));
        }
        if (followed.contains(HardRule.FORMAT)) {
            return code;
        }
        return "The parcel is " + parcel.text() + ", so its handling code is " + code + ".";
    }
}

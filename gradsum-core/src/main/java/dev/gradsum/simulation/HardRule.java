package dev.gradsum.simulation;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules of the SIMULATED hard world ({@link HardWorld}): how a parcel's handling code is built.
 * {@link #FORMAT} is stated by the initial prompt; the eight others are hidden, in four independent
 * families (weight, destination, contents, service), and each adds one tag to the code when its
 * trigger holds for the parcel. A rule is stated in a prompt when the prompt names its tag (e.g.
 * {@code HVY}); a statement that begins {@code Only for parcels of <item>:} holds for that item only.
 */
enum HardRule {
    /** Stated by the initial prompt; without it the target wraps the code in a sentence. */
    FORMAT("format", null, "extra text around the code",
            List.of("Reply with the handling code only: PCL followed by its tags, joined by hyphens, nothing else."),
            p -> true),
    HEAVY("weight", "HVY", "missing tag HVY (heavy parcel)",
            List.of("Parcels of 20 kg or more get the tag HVY.", "Add the tag HVY when the parcel weighs at least 20 kg."),
            p -> p.weight() >= 20.0),
    LIGHT("weight", "LTR", "missing tag LTR (light parcel)",
            List.of("Parcels under 1 kg get the tag LTR.", "Add the tag LTR when the parcel weighs less than 1 kg."),
            p -> p.weight() < 1.0),
    ISLAND("destination", "ISL", "missing tag ISL (island destination)",
            List.of("Parcels to an island get the tag ISL.", "Add the tag ISL when the destination is an island."),
            p -> Parcel.ISLANDS.contains(p.destination())),
    CUSTOMS("destination", "CUS", "missing tag CUS (customs outside the EU)",
            List.of("Parcels leaving the EU get the tag CUS.", "Add the tag CUS when the destination is outside the EU."),
            p -> Parcel.NON_EU.contains(p.destination())),
    FRAGILE("contents", "FRG", "missing tag FRG (fragile contents)",
            List.of("Glassware and ceramics get the tag FRG.", "Add the tag FRG when the contents are glassware or ceramics."),
            p -> Parcel.FRAGILE.contains(p.item())),
    LIQUID("contents", "LIQ", "missing tag LIQ (liquid contents)",
            List.of("Wine and olive oil get the tag LIQ.", "Add the tag LIQ when the contents are wine or olive oil."),
            p -> Parcel.LIQUID.contains(p.item())),
    EXPRESS("service", "EXP", "missing tag EXP (express service)",
            List.of("Express parcels get the tag EXP.", "Add the tag EXP when the service is express."),
            Parcel::express),
    SIGNATURE("service", "SIG", "missing tag SIG (signature required)",
            List.of("Parcels that need a signature get the tag SIG.", "Add the tag SIG when a signature is required."),
            Parcel::signature);

    /** The hidden rules, in the order their tags appear in a code. */
    static final Set<HardRule> HIDDEN = EnumSet.complementOf(EnumSet.of(FORMAT));

    private final String family;
    private final String tag;
    private final String symptom;
    private final List<String> wordings;
    private final Predicate<Parcel> trigger;

    HardRule(String family, String tag, String symptom, List<String> wordings, Predicate<Parcel> trigger) {
        this.family = family;
        this.tag = tag;
        this.symptom = symptom;
        this.wordings = wordings;
        this.trigger = trigger;
    }

    String family() {
        return family;
    }

    /** The tag this rule adds to a code ({@code null} for {@link #FORMAT}). */
    String tag() {
        return tag;
    }

    /** What a judge names when a code lacks this rule. */
    String symptom() {
        return symptom;
    }

    String statement() {
        return wordings.get(0);
    }

    String phrasing(int variant) {
        return wordings.get(Math.floorMod(variant, wordings.size()));
    }

    /** Whether this rule changes the code of {@code parcel}. */
    boolean appliesTo(Parcel parcel) {
        return trigger.test(parcel);
    }

    /** Whether {@code text} states this rule (its tag as a word; for FORMAT the words "code only"). */
    boolean statedIn(String text) {
        if (this == FORMAT) {
            return text.toLowerCase(Locale.ROOT).contains("code only");
        }
        return java.util.regex.Pattern.compile("\\b" + tag + "\\b").matcher(text).find();
    }

    /** Every rule {@code text} states. */
    static Set<HardRule> recognisedIn(String text) {
        Set<HardRule> found = EnumSet.noneOf(HardRule.class);
        for (HardRule r : values()) {
            if (r.statedIn(text)) {
                found.add(r);
            }
        }
        return found;
    }

    /** The rules whose symptom {@code text} names (what a judge's reasoning says is missing). */
    static Set<HardRule> namedIn(String text) {
        Set<HardRule> found = EnumSet.noneOf(HardRule.class);
        for (HardRule r : values()) {
            if (text.contains(r.symptom())) {
                found.add(r);
            }
        }
        return found;
    }
}

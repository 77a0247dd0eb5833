package dev.gradsum.simulation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Why an answer to a parcel of the SIMULATED hard world is wrong: the rules whose tag is missing, and
 * the format when the code is wrapped in text. A tag that should not be there is named as such.
 *
 * @param missed rules not followed, in rule order
 * @param extra  tags in the answer that the parcel does not get
 */
record HardDiagnosis(Set<HardRule> missed, List<String> extra) {
    HardDiagnosis {
        missed = missed.isEmpty() ? EnumSet.noneOf(HardRule.class) : EnumSet.copyOf(missed);
        extra = List.copyOf(extra);
    }

    boolean correct() {
        return missed.isEmpty() && extra.isEmpty();
    }

    /** The symptoms as a judge names them, joined by {@code "; "}. */
    String symptoms() {
        List<String> all = new ArrayList<>();
        missed.forEach(r -> all.add(r.symptom()));
        extra.forEach(t -> all.add("unexpected tag " + t));
        return String.join("; ", all);
    }

    static HardDiagnosis of(Parcel parcel, String output) {
        String answer = output.strip();
        Set<HardRule> missed = EnumSet.noneOf(HardRule.class);
        if (!Parcel.CODE.matcher(answer).matches()) {
            missed.add(HardRule.FORMAT);
        }
        String code = lastCode(answer);
        List<String> tags = code == null ? List.of() : List.of(code.split("-")).subList(1, code.split("-").length);
        List<String> extra = new ArrayList<>(tags);
        for (HardRule r : parcel.rulesThatMatter()) {
            if (!tags.contains(r.tag())) {
                missed.add(r);
            }
            extra.remove(r.tag());
        }
        return new HardDiagnosis(missed, extra);
    }

    static String lastCode(String text) {
        Matcher m = Parcel.CODE.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }
}

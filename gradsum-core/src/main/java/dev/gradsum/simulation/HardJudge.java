package dev.gradsum.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SIMULATED judge of the hard world, for requests shaped like {@code evaluator.md}. The truth is
 * whether {@code <output>} is the {@code <expected>} code; the judge's verdict is that truth flipped on
 * a fixed share of answers ({@code errorRate}; which ones is decided by the answer's text, so the same
 * answer always gets the same verdict). Its reasoning names the symptoms of a wrong code; when it
 * wrongly fails a right answer, it names a rule the parcel does not need, misleading whoever reads it.
 */
final class HardJudge extends SimulatedChatModel {
    private final double errorRate;

    HardJudge(double errorRate) {
        super("simulated-hard-judge");
        this.errorRate = errorRate;
    }

    /** Whether the judge's verdict on this (input, output) is the opposite of the truth. */
    boolean errs(String input, String output) {
        return Dice.roll("judge-error", input, output) < errorRate;
    }

    @Override
    String answer(String text, Double temperature) {
        Optional<String> output = TaggedText.first(text, "output");
        Optional<String> input = TaggedText.first(text, "input");
        if (output.isEmpty() || input.isEmpty()) {
            return "There is no <input> or <output> section in this request, so there is nothing to rate.";
        }
        Optional<Parcel> parcel = Parcel.findIn(input.get());
        Optional<String> expected = TaggedText.first(text, "expected").or(() -> parcel.map(Parcel::answer));
        if (expected.isEmpty()) {
            return "I cannot rate this answer: there is neither an <expected> answer nor a parcel to code.";
        }
        boolean truth = Diagnosis.normalised(output.get()).equals(Diagnosis.normalised(expected.get()));
        boolean pass = truth != errs(input.get(), output.get());
        String reasoning;
        if (pass) {
            reasoning = "The output gives exactly the expected code " + expected.get() + ".";
        } else {
            String symptoms = parcel.map(p -> truth ? misleading(p, output.get()) : HardDiagnosis.of(p, output.get()).symptoms())
                    .filter(s -> !s.isEmpty()).map(s -> ": " + s).orElse("");
            reasoning = "The output does not match the expected code " + expected.get() + symptoms + ".";
        }
        int max = SimulatedJudge.scaleMax(TaggedText.first(text, "scale").orElse(""));
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("reasoning", reasoning);
        verdict.put("score", max == 1 ? (pass ? 1 : 0) : (pass ? max : 1));
        return SimulatedJudge.write(verdict);
    }

    /** The symptom of a rule the parcel does not need: what a judge that wrongly fails an answer claims. */
    private static String misleading(Parcel parcel, String output) {
        List<HardRule> unneeded = new ArrayList<>(HardRule.HIDDEN);
        unneeded.removeAll(parcel.rulesThatMatter());
        return unneeded.isEmpty() ? "" : unneeded.get(Dice.pick(unneeded.size(), "mislead", output)).symptom();
    }
}

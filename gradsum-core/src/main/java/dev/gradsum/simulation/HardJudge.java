package dev.gradsum.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SIMULATED judge of the hard world, for requests shaped like {@code evaluator.md}. The truth is
 * whether {@code <output>} is the {@code <expected>} code; the judge's verdict is that truth flipped on
 * a fixed share of answers ({@code errorRate}). Its reasoning names the symptoms of a wrong code; when
 * it wrongly fails a right answer, it names a rule the parcel does not need, misleading whoever reads it.
 *
 * <p>Which answers it gets wrong: asked without a temperature (greedy, the paper's single verdict), it
 * is decided by the answer's text, so the same answer always gets the same verdict. Asked with a
 * temperature above 0 (sampled, as {@code evaluation.judge_samples} &gt; 1 asks), every call is a fresh
 * draw, as a sampling model's would be: the k-th time this judge answers the same request text, it errs
 * when {@code roll(world seed, text, k)} falls below the rate. The samples of one answer reach the model
 * one after another (sample s + 1 is asked once sample s has its verdict; the call cache and the
 * in-flight sharing send each sample once), so sample s is the s-th draw, whatever the threads' timing,
 * and a run is the same every time. A later search on the same world instance (the next bench column)
 * that asks the same request gets the next draws, as a real sampled judge would give it.
 */
final class HardJudge extends SimulatedChatModel {
    private final double errorRate;
    private final long seed;
    /** How many sampled answers this judge has given per request text. */
    private final ConcurrentMap<String, AtomicInteger> sampledAnswers = new ConcurrentHashMap<>();

    HardJudge(double errorRate, long seed) {
        super("simulated-hard-judge");
        this.errorRate = errorRate;
        this.seed = seed;
    }

    /** Whether the judge's greedy (unsampled) verdict on this (input, output) is the opposite of the truth. */
    boolean errs(String input, String output) {
        return Dice.roll("judge-error", input, output) < errorRate;
    }

    /**
     * Whether the judge's verdict on this request is the opposite of the truth: {@link #errs(String, String)}
     * when unsampled, else the next draw for this request text (see the class comment).
     */
    private boolean errs(String text, Double temperature, String input, String output) {
        if (temperature == null || temperature <= 0) {
            return errs(input, output);
        }
        int k = sampledAnswers.computeIfAbsent(text, t -> new AtomicInteger()).getAndIncrement();
        return Dice.roll("judge-sample-error", seed, text, k) < errorRate;
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
        boolean pass = truth != errs(text, temperature, input.get(), output.get());
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

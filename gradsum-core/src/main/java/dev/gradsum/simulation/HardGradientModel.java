package dev.gradsum.simulation;

import java.util.Optional;
import java.util.Set;

/**
 * The SIMULATED gradient model of the hard world, for requests shaped like {@code gradient_generator.md}
 * (and ProTeGi's, which show the same sections). It trusts the judge: the rules it asks for are the
 * ones the {@code <evaluation>} names as missing (so a judge's wrong reasoning leads it astray), and
 * only when the evaluation names none does it compare the output with the expected code itself. Like
 * the first world's reviewer it quotes one general instruction per rule
 * ({@code Add this instruction to the prompt: "…"}) and adds a remark that fits only this parcel.
 */
final class HardGradientModel extends SimulatedChatModel {
    HardGradientModel() {
        super("simulated-hard-gradient");
    }

    @Override
    String answer(String text, Double temperature) {
        Optional<Parcel> parcel = TaggedText.first(text, "input").flatMap(Parcel::findIn);
        Optional<String> output = TaggedText.first(text, "output");
        if (parcel.isEmpty() || output.isEmpty()) {
            return "I cannot tell what went wrong: the request shows no parcel in <input> or no <output>.";
        }
        Set<HardRule> named = HardRule.namedIn(TaggedText.first(text, "evaluation").orElse(""));
        Set<HardRule> missed = named.isEmpty() ? HardDiagnosis.of(parcel.get(), output.get()).missed() : named;
        String expected = TaggedText.first(text, "expected").orElse(parcel.get().answer());
        if (missed.isEmpty()) {
            return "The output " + output.get().strip() + " looks right to me; the prompt needs no change for it.";
        }
        StringBuilder feedback = new StringBuilder("The output ").append(output.get().strip())
                .append(" is wrong (expected ").append(expected).append("). The prompt does not state ")
                .append(missed.size() == 1 ? "this rule. " : "these rules. ");
        for (HardRule r : missed) {
            feedback.append(SimulatedGradientModel.INSTRUCTION_LEAD).append('"').append(r.statement()).append("\" ");
        }
        return feedback.append(SimulatedGradientModel.REMARK_LEAD).append(parcel.get().text()).append(" is coded ")
                .append(expected).append('.').toString();
    }
}

package dev.gradsum.simulation;

import java.util.List;
import java.util.Optional;

/**
 * The SIMULATED gradient model (paper: gradient generation), for requests shaped like
 * {@code gradient_generator.md}. From {@code <input>}, {@code <output>} and {@code <expected>} it works
 * out which rules the answer missed, and writes feedback as a careful but literal-minded reviewer
 * would: what went wrong, one quoted general instruction per missed rule
 * ({@code Add this instruction to the prompt: "…"}), and a remark that fits only this example
 * ({@code For this example: for the order of 3 boxes of pens (customer in Germany), the answer is 16.07 EUR.}).
 * Summarising gradients should keep the first kind and drop the second.
 */
final class SimulatedGradientModel extends SimulatedChatModel {
    static final String INSTRUCTION_LEAD = "Add this instruction to the prompt: ";
    static final String REMARK_LEAD = "For this example: ";

    SimulatedGradientModel() {
        super("simulated-gradient");
    }

    @Override
    String answer(String text, Double temperature) {
        Optional<Order> order = TaggedText.first(text, "input").flatMap(Order::findIn);
        Optional<String> output = TaggedText.first(text, "output");
        if (order.isEmpty() || output.isEmpty()) {
            return "I cannot tell what went wrong: the request shows no order in <input> or no <output>. "
                    + "Make the prompt state every rule needed to price an order.";
        }
        Diagnosis diagnosis = Diagnosis.of(order.get(), output.get());
        if (diagnosis.correct()) {
            return "The output " + output.get() + " is already the right answer; the prompt needs no change for it.";
        }
        String expected = TaggedText.first(text, "expected").orElse(order.get().answer());
        StringBuilder feedback = new StringBuilder()
                .append("The output ").append(shorten(output.get())).append(" is wrong (expected ").append(expected)
                .append("): ").append(diagnosis.symptoms()).append(". ")
                .append(diagnosis.missed().size() == 1 ? "The prompt does not tell the model this rule. "
                        : "The prompt does not tell the model these rules. ");
        for (Instruction missed : diagnosis.missed()) {
            feedback.append(INSTRUCTION_LEAD).append('"').append(missed.statement()).append("\" ");
        }
        return feedback.append(REMARK_LEAD).append(remark(order.get(), expected)).toString();
    }

    /** The example-specific remark: true for this order only, useless (and tempting to copy) for others. */
    static String remark(Order order, String expected) {
        return "for the order of " + order.quantity() + " " + order.item() + " (customer in " + order.country()
                + "), the answer is " + expected + ".";
    }

    private static String shorten(String output) {
        List<String> words = List.of(output.strip().split("\\s+"));
        return words.size() <= 12 ? '"' + output.strip() + '"' : "\"" + String.join(" ", words.subList(0, 12)) + " …\"";
    }
}

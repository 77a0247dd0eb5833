package dev.gradsum.simulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIMULATED target model (paper: generation). It reads the filled prompt, finds the order in it, and
 * follows each rule of the world only when the rest of the prompt states it (in words it recognises,
 * English or Chinese); otherwise it makes that rule's characteristic mistake: forgets the discount, the
 * VAT or the express fee, cuts off decimals instead of rounding, or wraps the total in an explanation.
 *
 * <p>Like a real model it is imperfect: on about 5% of (prompt, order) pairs it slips in the arithmetic,
 * and a prompt that quotes worked answers of single examples ("the answer is 16.07 EUR") tempts it to
 * copy one of those amounts instead (about 3% per quoted answer), the price of overfitted prompts.
 */
final class SimulatedTarget extends SimulatedChatModel {
    static final double SLIP_RATE = 0.05;
    static final double ANCHOR_RATE = 0.03;
    private static final Pattern QUOTED_ANSWER =
            Pattern.compile("(?:answer is|answer should be|答案是)\\s*(\\d+(?:\\.\\d+)?)\\s*EUR", Pattern.CASE_INSENSITIVE);

    SimulatedTarget() {
        super("simulated-target");
    }

    @Override
    String answer(String text, Double temperature) {
        Optional<Order> found = Order.findIn(text);
        if (found.isEmpty()) {
            return "I could not find an order to price in your message.";
        }
        Order order = found.get();
        String instructions = Order.withoutOrders(text);
        Set<Instruction> followed = Instruction.recognisedIn(instructions);
        BigDecimal exact = order.exactTotal(followed);
        String amount = Order.amount(exact, followed.contains(Instruction.ROUNDING));

        List<String> quoted = quotedAnswers(instructions);
        for (int i = 0; i < quoted.size(); i++) {
            if (Dice.roll("anchor", text, i) < ANCHOR_RATE) {
                amount = quoted.get(i);
            }
        }
        if (Dice.roll("slip", text) < SLIP_RATE) {
            BigDecimal slip = Dice.roll("slip-size", text) < 0.5 ? new BigDecimal("0.10") : new BigDecimal("1.00");
            amount = new BigDecimal(amount).add(slip).toPlainString();
        }
        if (followed.contains(Instruction.FORMAT)) {
            return amount + " EUR";
        }
        return "The order is " + order.text() + ". Adding it all up, the customer pays " + amount + " EUR.";
    }

    private static List<String> quotedAnswers(String instructions) {
        List<String> amounts = new ArrayList<>();
        Matcher m = QUOTED_ANSWER.matcher(instructions);
        while (m.find()) {
            amounts.add(m.group(1));
        }
        return amounts;
    }
}

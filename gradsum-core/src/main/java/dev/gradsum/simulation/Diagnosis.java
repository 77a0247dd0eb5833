package dev.gradsum.simulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an answer to an order of the SIMULATED world is wrong: which instructions it did not follow,
 * found by recomputing the total under every subset of the pricing rules. What the simulated judge and
 * gradient model "see" in a wrong answer.
 *
 * @param missed instructions not followed, in rule order ({@link Instruction#DOUBLE_CHECK} for an amount
 *               no subset of the rules explains: an arithmetic slip)
 */
record Diagnosis(List<Instruction> missed) {
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern BARE_ANSWER = Pattern.compile("\\d+(?:\\.\\d+)?(?: ?EUR)?\\.?");
    private static final List<Instruction> PRICING = List.of(Instruction.BULK, Instruction.VAT, Instruction.EXPRESS);

    Diagnosis {
        missed = List.copyOf(missed);
    }

    boolean correct() {
        return missed.isEmpty();
    }

    /** The symptoms, as a judge would name them: {@code missing 19% VAT for an EU customer; …}. */
    String symptoms() {
        return String.join("; ", missed.stream().map(Instruction::symptom).toList());
    }

    /** Diagnoses {@code output} as an answer to {@code order}. */
    static Diagnosis of(Order order, String output) {
        String answer = output.strip();
        if (normalised(answer).equals(normalised(order.answer()))) {
            return new Diagnosis(List.of());
        }
        List<Instruction> missed = new ArrayList<>();
        if (!BARE_ANSWER.matcher(answer).matches() || !answer.toUpperCase(Locale.ROOT).contains("EUR")) {
            missed.add(Instruction.FORMAT);
        }
        String amount = lastNumber(answer);
        List<Instruction> pricing = amount == null ? null : explainAmount(order, new BigDecimal(amount));
        if (pricing == null) {
            missed.add(Instruction.DOUBLE_CHECK);
        } else {
            missed.addAll(pricing);
        }
        missed.sort(null);
        return new Diagnosis(missed);
    }

    /** The pricing rules (and rounding) left out to get {@code amount}, or null when no subset gives it. */
    private static List<Instruction> explainAmount(Order order, BigDecimal amount) {
        List<Instruction> relevant = PRICING.stream().filter(r -> order.rulesThatMatter().contains(r)).toList();
        for (int size = relevant.size(); size >= 0; size--) {
            for (Set<Instruction> applied : subsets(relevant, size)) {
                BigDecimal exact = order.exactTotal(applied);
                List<Instruction> left = new ArrayList<>(relevant);
                left.removeAll(applied);
                if (amount.compareTo(new BigDecimal(Order.amount(exact, true))) == 0) {
                    return left;
                }
                if (amount.compareTo(new BigDecimal(Order.amount(exact, false))) == 0) {
                    left.add(Instruction.ROUNDING);
                    return left;
                }
            }
        }
        return null;
    }

    private static List<Set<Instruction>> subsets(List<Instruction> rules, int size) {
        List<Set<Instruction>> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << rules.size()); mask++) {
            if (Integer.bitCount(mask) == size) {
                Set<Instruction> s = EnumSet.noneOf(Instruction.class);
                for (int i = 0; i < rules.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        s.add(rules.get(i));
                    }
                }
                out.add(s);
            }
        }
        return out;
    }

    private static String lastNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    /** Answers compared as a judge would: case, spacing and a final full stop do not matter. */
    static String normalised(String answer) {
        String s = answer.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}

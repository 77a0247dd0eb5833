package dev.gradsum.simulation;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The instructions the SIMULATED models understand: the five rules of the simulated order world, and
 * one piece of advice with no effect. Every simulated role recognises an instruction by the same
 * keywords (English and Chinese), so a prompt improves only by stating rules a reader can recognise.
 */
enum Instruction {
    /** Stated by the initial prompt; without it the target wraps the total in an explanation. */
    FORMAT("extra text around the total",
            List.of("Reply with the final total only, as a number followed by the currency code, with no explanation.",
                    "Give only the total amount and its currency code (for example 12.50 EUR), nothing else.",
                    "Answer with the amount only: the number, then EUR, and no explanation."),
            List.of("只回复最终总金额，数字后面加货币代码，不要解释。", "只给出总金额和货币代码，不要任何其他文字。"),
            text -> text.contains("no explanation") || text.contains("nothing else")
                    || (has(text, "\\bonly\\b") && (text.contains("total") || text.contains("amount")))
                    || text.contains("只回复") || text.contains("仅回复") || text.contains("只给出")),
    /** Hidden: customers in the EU pay 19% VAT on the goods. */
    VAT("missing 19% VAT for an EU customer",
            List.of("Customers in the EU pay 19% VAT on the goods.",
                    "Add 19% VAT to the goods when the customer is in the European Union.",
                    "For customers inside the EU, the goods are subject to 19% value added tax."),
            List.of("欧盟客户需对商品加收19%增值税。", "客户在欧盟时，商品价格加19%增值税。"),
            text -> has(text, "\\bvat\\b") || text.contains("value added tax") || text.contains("value-added tax")
                    || text.contains("增值税")),
    /** Hidden: express shipping adds a flat 5.00 EUR, after VAT. */
    EXPRESS("missing express shipping fee",
            List.of("Express shipping adds a flat 5.00 EUR fee after everything else.",
                    "When shipping is express, add a fee of 5.00 EUR at the end.",
                    "Express delivery costs an extra 5.00 EUR, added last."),
            List.of("加急配送另收5.00 EUR固定费用，最后加上。", "加急运输在最后加收5.00 EUR。"),
            text -> (text.contains("express") && (text.contains("fee") || text.contains("extra")
                    || text.contains("surcharge") || has(text, "\\badds?\\b") || text.contains("costs")))
                    || text.contains("加急")),
    /** Hidden: orders of 10 or more items get 10% off the goods, applied first. */
    BULK("missing 10% bulk discount for 10 or more items",
            List.of("Orders of 10 or more items get 10% off the goods, applied first.",
                    "Give a 10% discount on the goods when the quantity is 10 or more.",
                    "A quantity of at least 10 earns a 10% bulk discount on the goods."),
            List.of("10件及以上的订单，商品价格打九折（10%折扣），最先计算。", "数量达到10件时，商品享受10%折扣。"),
            text -> text.contains("discount") || text.contains("% off") || text.contains("折扣")),
    /** Hidden: the total is rounded half up to two decimals. */
    ROUNDING("total not rounded to two decimals",
            List.of("Round the final total to two decimals, half up.",
                    "Always write the total with exactly two decimals, rounded half up.",
                    "Round the result to 2 decimal places."),
            List.of("总金额四舍五入保留两位小数。", "结果保留两位小数（四舍五入）。"),
            text -> text.contains("two decimal") || text.contains("2 decimal") || has(text, "\\bround")
                    || text.contains("两位小数") || text.contains("四舍五入")),
    /** Advice a gradient gives after an arithmetic slip; the simulated target does not change because of it. */
    DOUBLE_CHECK("wrong amount (arithmetic slip)",
            List.of("Double-check the arithmetic before answering.",
                    "Recompute the amount once more before you answer.",
                    "Verify each step of the calculation before answering."),
            List.of("回答前请仔细核对计算。", "作答前再核对一遍金额。"),
            text -> text.contains("double-check") || text.contains("double check") || text.contains("recompute")
                    || text.contains("verify each step") || text.contains("核对"));

    /** The rules that decide the right answer (everything but the advice). */
    static final Set<Instruction> RULES = EnumSet.of(FORMAT, VAT, EXPRESS, BULK, ROUNDING);

    private final String symptom;
    private final List<String> english;
    private final List<String> chinese;
    private final Predicate<String> recogniser;

    Instruction(String symptom, List<String> english, List<String> chinese, Predicate<String> recogniser) {
        this.symptom = symptom;
        this.english = english;
        this.chinese = chinese;
        this.recogniser = recogniser;
    }

    /** What a judge names when an answer shows this instruction was not followed. */
    String symptom() {
        return symptom;
    }

    /** The plain English statement of this instruction. */
    String statement() {
        return english.get(0);
    }

    /** One of several wordings, in Chinese when {@code chinese}; {@code variant} may be any number. */
    String phrasing(boolean chinese, int variant) {
        List<String> options = chinese ? this.chinese : english;
        return options.get(Math.floorMod(variant, options.size()));
    }

    int phrasings(boolean chinese) {
        return (chinese ? this.chinese : english).size();
    }

    /** Whether {@code text} states this instruction, in any wording the simulated models recognise. */
    boolean statedIn(String text) {
        return recogniser.test(text.toLowerCase(Locale.ROOT));
    }

    /** Every instruction {@code text} states. */
    static Set<Instruction> recognisedIn(String text) {
        Set<Instruction> found = EnumSet.noneOf(Instruction.class);
        for (Instruction i : values()) {
            if (i.statedIn(text)) {
                found.add(i);
            }
        }
        return found;
    }

    /** Whether {@code text} holds Chinese characters: then editors write Chinese instructions. */
    static boolean chinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static boolean has(String text, String regex) {
        return Pattern.compile(regex).matcher(text).find();
    }
}

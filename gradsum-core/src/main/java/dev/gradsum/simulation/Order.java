package dev.gradsum.simulation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One order of the SIMULATED world, e.g. {@code 3 boxes of pens at 4.50 EUR each, customer in Germany,
 * express shipping}, and what it costs under the world's rules: goods = quantity × unit price; 10% off
 * the goods for 10 or more items; 19% VAT on the goods for EU customers; 5.00 EUR for express shipping,
 * added last; the total rounded half up to two decimals.
 */
record Order(int quantity, String item, BigDecimal unitPrice, String country, boolean express) {
    static final List<String> EU = List.of("Germany", "France", "Italy", "Spain", "Austria", "Netherlands");
    static final List<String> NON_EU = List.of("USA", "Japan", "Switzerland", "Norway", "Canada", "United Kingdom");
    static final int BULK_QUANTITY = 10;

    private static final BigDecimal BULK_FACTOR = new BigDecimal("0.90");
    private static final BigDecimal VAT_FACTOR = new BigDecimal("1.19");
    private static final BigDecimal EXPRESS_FEE = new BigDecimal("5.00");
    private static final Pattern TEXT = Pattern.compile(
            "(\\d+) ([a-z][a-z ]*?) at (\\d+\\.\\d{2}) EUR each, customer in ([A-Z][A-Za-z ]*?), (standard|express) shipping");

    /** The order as it appears in a dataset row. */
    String text() {
        return quantity + " " + item + " at " + unitPrice.toPlainString() + " EUR each, customer in " + country + ", "
                + (express ? "express" : "standard") + " shipping";
    }

    boolean eu() {
        return EU.contains(country);
    }

    boolean bulk() {
        return quantity >= BULK_QUANTITY;
    }

    /** The rules that change this order's answer (rounding only when cutting off decimals would differ). */
    Set<Instruction> rulesThatMatter() {
        Set<Instruction> rules = java.util.EnumSet.of(Instruction.FORMAT);
        if (bulk()) {
            rules.add(Instruction.BULK);
        }
        if (eu()) {
            rules.add(Instruction.VAT);
        }
        if (express) {
            rules.add(Instruction.EXPRESS);
        }
        BigDecimal exact = exactTotal(Instruction.RULES);
        if (!amount(exact, true).equals(amount(exact, false))) {
            rules.add(Instruction.ROUNDING);
        }
        return rules;
    }

    /** The total when only the {@code applied} pricing rules are used, not rounded. */
    BigDecimal exactTotal(Set<Instruction> applied) {
        BigDecimal total = unitPrice.multiply(BigDecimal.valueOf(quantity));
        if (applied.contains(Instruction.BULK) && bulk()) {
            total = total.multiply(BULK_FACTOR);
        }
        if (applied.contains(Instruction.VAT) && eu()) {
            total = total.multiply(VAT_FACTOR);
        }
        if (applied.contains(Instruction.EXPRESS) && express) {
            total = total.add(EXPRESS_FEE);
        }
        return total;
    }

    /**
     * The amount with two decimals: rounded half up when {@code rounded}, else cut off after the second
     * decimal (the simulated target's mistake when the prompt does not ask for rounding).
     */
    static String amount(BigDecimal exact, boolean rounded) {
        return exact.setScale(2, rounded ? RoundingMode.HALF_UP : RoundingMode.DOWN).toPlainString();
    }

    /** The right answer: the total under every rule, rounded, with its currency code. */
    String answer() {
        return amount(exactTotal(Instruction.RULES), true) + " EUR";
    }

    /** The last order written in {@code text} (a filled prompt, a judge's input), if any. */
    static Optional<Order> findIn(String text) {
        Matcher m = TEXT.matcher(text);
        Order last = null;
        while (m.find()) {
            last = new Order(Integer.parseInt(m.group(1)), m.group(2), new BigDecimal(m.group(3)), m.group(4),
                    m.group(5).equals("express"));
        }
        return Optional.ofNullable(last);
    }

    /** {@code text} with every order in it cut out: what remains are the instructions around it. */
    static String withoutOrders(String text) {
        return TEXT.matcher(text).replaceAll(" ");
    }

    /** {@code n} orders drawn from {@code seed}: the same seed gives the same orders on every machine. */
    static List<Order> generate(long seed, int n) {
        String[][] items = {
            {"box of pens", "boxes of pens"}, {"notebook", "notebooks"}, {"desk lamp", "desk lamps"},
            {"pack of paper", "packs of paper"}, {"stapler", "staplers"}, {"coffee mug", "coffee mugs"},
            {"office chair", "office chairs"}, {"ink cartridge", "ink cartridges"}};
        java.util.Random random = new java.util.Random(seed);
        List<Order> orders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int quantity = 1 + random.nextInt(14);
            String[] item = items[random.nextInt(items.length)];
            BigDecimal price = BigDecimal.valueOf(150 + random.nextInt(8850), 2);
            List<String> region = random.nextDouble() < 0.4 ? EU : NON_EU;
            String country = region.get(random.nextInt(region.size()));
            boolean express = random.nextDouble() < 0.35;
            orders.add(new Order(quantity, quantity == 1 ? item[0] : item[1], price, country, express));
        }
        return orders;
    }
}

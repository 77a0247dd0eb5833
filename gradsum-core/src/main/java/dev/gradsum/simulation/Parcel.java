package dev.gradsum.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parcel of the SIMULATED hard world, e.g. {@code a 23.5 kg parcel of glassware to Crete, express
 * service, signature required}, and its handling code under the world's rules ({@link HardRule}):
 * {@code PCL} followed by one tag per rule that applies, in rule order ({@code PCL-HVY-ISL-FRG-EXP-SIG}).
 */
record Parcel(double weight, String item, String destination, boolean express, boolean signature) {
    static final List<String> ISLANDS = List.of("Crete", "Mallorca", "Sicily", "Corsica", "Madeira");
    static final List<String> NON_EU = List.of("Norway", "Switzerland", "United Kingdom", "Iceland");
    static final List<String> MAINLAND = List.of("Germany", "France", "Poland", "Austria", "Belgium");
    static final List<String> FRAGILE = List.of("glassware", "ceramics");
    static final List<String> LIQUID = List.of("wine", "olive oil");
    static final List<String> PLAIN = List.of("books", "shoes", "toys", "cables", "lamps", "towels");
    /** Every item, the kinds an overfitting editor narrows a rule to. */
    static final List<String> ITEMS = concat(FRAGILE, LIQUID, PLAIN);

    private static final Pattern TEXT = Pattern.compile(
            "a (\\d+\\.\\d) kg parcel of ([a-z][a-z ]*?) to ([A-Z][A-Za-z ]*?), (standard|express) service, "
                    + "(signature required|no signature)");
    static final Pattern CODE = Pattern.compile("PCL(?:-[A-Z]{3})*");

    String text() {
        return String.format(Locale.ROOT, "a %.1f kg parcel of %s to %s, %s service, %s", weight, item, destination,
                express ? "express" : "standard", signature ? "signature required" : "no signature");
    }

    /** The hidden rules that change this parcel's code (FORMAT matters for every parcel and is left out). */
    Set<HardRule> rulesThatMatter() {
        Set<HardRule> rules = java.util.EnumSet.noneOf(HardRule.class);
        for (HardRule r : HardRule.HIDDEN) {
            if (r.appliesTo(this)) {
                rules.add(r);
            }
        }
        return rules;
    }

    /** The code when only the {@code applied} rules are followed. */
    String code(Set<HardRule> applied) {
        StringJoiner code = new StringJoiner("-");
        code.add("PCL");
        for (HardRule r : HardRule.HIDDEN) {
            if (applied.contains(r) && r.appliesTo(this)) {
                code.add(r.tag());
            }
        }
        return code.toString();
    }

    /** The right answer: the code under every rule. */
    String answer() {
        return code(HardRule.HIDDEN);
    }

    /** The last parcel written in {@code text}, if any. */
    static Optional<Parcel> findIn(String text) {
        Matcher m = TEXT.matcher(text);
        Parcel last = null;
        while (m.find()) {
            last = new Parcel(Double.parseDouble(m.group(1)), m.group(2), m.group(3), m.group(4).equals("express"),
                    m.group(5).equals("signature required"));
        }
        return Optional.ofNullable(last);
    }

    /** {@code text} with every parcel cut out: what remains are the instructions around it. */
    static String withoutParcels(String text) {
        return TEXT.matcher(text).replaceAll(" ");
    }

    /** {@code n} parcels drawn from {@code seed}. */
    static List<Parcel> generate(long seed, int n) {
        Random random = new Random(seed);
        List<Parcel> parcels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double w = random.nextDouble();
            double weight = w < 0.25 ? 20 + random.nextInt(160) / 10.0
                    : w < 0.45 ? 0.1 + random.nextInt(9) / 10.0 : 1 + random.nextInt(190) / 10.0;
            double d = random.nextDouble();
            List<String> region = d < 0.2 ? ISLANDS : d < 0.45 ? NON_EU : MAINLAND;
            double c = random.nextDouble();
            List<String> items = c < 0.25 ? FRAGILE : c < 0.4 ? LIQUID : PLAIN;
            parcels.add(new Parcel(weight, items.get(random.nextInt(items.size())),
                    region.get(random.nextInt(region.size())), random.nextDouble() < 0.25, random.nextDouble() < 0.2));
        }
        return parcels;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return List.copyOf(all);
    }
}

package dev.gradsum.modules;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells whether a rewritten prompt kept the writing system of its parent, so an optimized Chinese
 * prompt does not come back in English (a top complaint about peer optimizers). It compares the
 * dominant script of the two texts: CJK, Latin, Cyrillic, Arabic, and so on. Placeholders
 * ({@code {question}}) are ignored. Each CJK character counts as one unit, and so does each word of
 * an alphabetic script, so a Chinese prompt quoting "JSON" or "{context}" is still Chinese.
 */
final class LanguageCheck {
    /** A writing system, as far as this check cares. */
    enum Script {
        CJK("Chinese/Japanese/Korean"), LATIN("Latin"), CYRILLIC("Cyrillic"), ARABIC("Arabic"),
        GREEK("Greek"), HEBREW("Hebrew"), DEVANAGARI("Devanagari"), THAI("Thai"), OTHER("another");

        private final String label;

        Script(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[\\p{L}\\p{N}_]+}");

    private LanguageCheck() {
    }

    /** The script most of {@code text} is written in, or empty when it has no letters. */
    static Optional<Script> dominantScript(String text) {
        String prose = PLACEHOLDER.matcher(text).replaceAll(" ");
        Map<Script, Integer> units = new EnumMap<>(Script.class);
        Script inWord = null;
        for (int i = 0; i < prose.length(); ) {
            int cp = prose.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                inWord = null;
                continue;
            }
            Script script = scriptOf(cp);
            if (script == Script.CJK) {
                units.merge(script, 1, Integer::sum);
                inWord = null;
            } else if (script != inWord) {
                units.merge(script, 1, Integer::sum);
                inWord = script;
            }
        }
        return units.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    /**
     * What is wrong with {@code candidate}'s language compared to {@code parent}, or empty when it
     * kept the parent's script (or either text has no letters to judge by).
     */
    static Optional<String> problem(String parent, String candidate) {
        Optional<Script> expected = dominantScript(parent);
        Optional<Script> actual = dominantScript(candidate);
        if (expected.isEmpty() || actual.isEmpty() || expected.get() == actual.get()) {
            return Optional.empty();
        }
        return Optional.of("changed language: the original prompt is written mostly in "
                + expected.get().label() + " script but this version mostly in " + actual.get().label()
                + " script; write it in the language of the original prompt");
    }

    private static Script scriptOf(int codePoint) {
        UnicodeScript script = UnicodeScript.of(codePoint);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO -> Script.CJK;
            case LATIN -> Script.LATIN;
            case CYRILLIC -> Script.CYRILLIC;
            case ARABIC -> Script.ARABIC;
            case GREEK -> Script.GREEK;
            case HEBREW -> Script.HEBREW;
            case DEVANAGARI -> Script.DEVANAGARI;
            case THAI -> Script.THAI;
            default -> Script.OTHER;
        };
    }
}

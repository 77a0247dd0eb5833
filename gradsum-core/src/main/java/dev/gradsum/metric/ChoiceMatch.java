package dev.gradsum.metric;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The output's multiple-choice letter (A-J) must be the expected one. */
final class ChoiceMatch extends ExpectedAnswerMetric {
    private static final Pattern INDEX = Pattern.compile("\\d+");
    /** The whole answer is one letter, perhaps in brackets or followed by a period: "c", "(B)", "D.". */
    private static final Pattern ONLY_LETTER = Pattern.compile("[(\\[]?([A-Ja-j])[)\\]]?[.:]?");
    /** A letter right after an answer cue: "Answer: (C)", "the answer is B.", "answer is option D", "答案是C". */
    private static final Pattern AFTER_CUE = Pattern.compile(
            "(?:\\b(?i:answer)\\b(?:\\s+(?i:is))?\\s*[:：=]?\\s*(?:(?i:option|choice|letter)\\s*)?"
                    + "|答案\\s*(?:是|为|:|：)?\\s*|选\\s*)"
                    + "[(\\[]?([A-J])(?![A-Za-z0-9'’])");
    /** A standalone capital letter: "(B)", "B)", "B.", "B" between spaces. */
    private static final Pattern STANDALONE = Pattern.compile("(?<![A-Za-z0-9'’])[(\\[]?([A-J])(?![A-Za-z0-9'’])");
    /**
     * "A" and "I" that start an English phrase ("A good", "I think") are taken as words, not choices,
     * unless the text names no other letter ("A because the force is centrifugal").
     */
    private static final Pattern ARTICLE_OR_PRONOUN = Pattern.compile("[AI]\\s+[a-z]");

    ChoiceMatch(String field) {
        super("choice", field);
    }

    @Override
    Score compare(String expected, String output) {
        Optional<Character> want = expectedLetter(expected);
        if (want.isEmpty()) {
            return Score.error(name() + ": the expected answer " + AnswerText.quoted(expected) + " in field \""
                    + field() + "\" is not a letter A-J or a 0-based index");
        }
        Optional<Character> got = letterIn(output);
        if (got.isEmpty()) {
            return Score.fail("expected " + want.get() + ", got no choice letter in " + AnswerText.quoted(output));
        }
        String reason = "expected " + want.get() + ", got " + got.get();
        return got.get().equals(want.get()) ? Score.pass(reason) : Score.fail(reason);
    }

    /** A letter, or a 0-based index (0 → A … 9 → J). */
    static Optional<Character> expectedLetter(String expected) {
        String s = expected.strip();
        if (INDEX.matcher(s).matches()) {
            int index = Integer.parseInt(s.length() > 2 ? "99" : s);
            return index < 10 ? Optional.of((char) ('A' + index)) : Optional.empty();
        }
        return letterIn(s);
    }

    /** The choice letter a model's answer names, if any. */
    static Optional<Character> letterIn(String output) {
        String text = output.replace("*", "").strip();
        Matcher only = ONLY_LETTER.matcher(text);
        if (only.matches()) {
            return Optional.of(Character.toUpperCase(only.group(1).charAt(0)));
        }
        Character found = null;
        Matcher cue = AFTER_CUE.matcher(text);
        while (cue.find()) {
            found = cue.group(1).charAt(0);
        }
        if (found != null) {
            return Optional.of(found);
        }
        Character word = null;
        Matcher letter = STANDALONE.matcher(text);
        while (letter.find()) {
            boolean bare = letter.start(1) == letter.start();
            if (bare && ARTICLE_OR_PRONOUN.matcher(text).region(letter.start(1), text.length()).lookingAt()) {
                word = word == null ? letter.group(1).charAt(0) : word;
            } else {
                found = letter.group(1).charAt(0);
            }
        }
        return Optional.ofNullable(found != null ? found : word);
    }
}
